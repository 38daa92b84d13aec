package com.usersplatform.stacks;

import java.util.Objects;
import java.util.Optional;

/**
 * Container image of a workload.
 *
 * @param repository image repository without tag, e.g. {@code ghcr.io/users-platform/gateway}
 * @param tag pinned image tag; never empty, never {@code latest}
 * @param digest the image's manifest digest ({@code sha256:<64 hex>}); when set, the workload runs
 *        {@code repository:tag@digest}: the runtime pulls the digest and the tag only labels it. Deploys set it to
 *        the digest that was built once and tested, so what runs cannot change under a tag
 */
public record ImageConfig(String repository, String tag, Optional<String> digest) {

    public ImageConfig {
        Objects.requireNonNull(digest, "digest");
    }

    /** An image named by tag only. */
    public ImageConfig(String repository, String tag) {
        this(repository, tag, Optional.empty());
    }

    /**
     * The full reference: {@code repository:tag@digest} when the digest is set, else {@code repository:tag}. Both
     * forms are the reference grammar {@code name [":" tag] ["@" digest]}
     * (https://github.com/distribution/reference/blob/main/reference.go); with a digest the tag is informational.
     */
    public String reference() {
        String tagged = repository + ":" + tag;
        return digest.map(d -> tagged + "@" + d).orElse(tagged);
    }
}
