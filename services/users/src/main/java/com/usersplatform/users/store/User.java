package com.usersplatform.users.store;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored user, serialized exactly as the API returns it.
 *
 * @param id        UUID v4
 * @param name      trimmed display name
 * @param email     lower-cased address, unique case-insensitively
 * @param createdAt ISO-8601 UTC creation time
 * @param updatedAt ISO-8601 UTC time of the last change
 */
public record User(String id, String name, String email,
                   @JsonProperty("created_at") String createdAt,
                   @JsonProperty("updated_at") String updatedAt) {
}
