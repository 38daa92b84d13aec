package com.usersplatform.stacks;

/**
 * Container image of a workload.
 *
 * @param repository image repository without tag, e.g. {@code ghcr.io/users-platform/gateway}
 * @param tag pinned image tag; never empty, never {@code latest}
 */
public record ImageConfig(String repository, String tag) {

    /** The full reference {@code repository:tag}. */
    public String reference() {
        return repository + ":" + tag;
    }
}
