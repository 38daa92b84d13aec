package com.usersplatform.stacks;

import java.util.Objects;
import java.util.Optional;

/**
 * Container image of a workload.
 *
 * @param repository image repository without tag; unset runs the image from the stack's own ECR repository
 *        ({@code <account>.dkr.ecr.<region>.amazonaws.com/users-platform-<stack>/<service>}, made by the program,
 *        where the image workflow pushes and the nodes may pull); set it only for a registry the nodes can pull from
 * @param tag pinned image tag, as pushed (ECR tags are immutable); never empty, never {@code latest}
 * @param digest the image's manifest digest ({@code sha256:<64 hex>}); when set, the workload runs
 *        {@code repository:tag@digest}: the runtime pulls the digest and the tag only labels it. Deploys set it to
 *        the digest that was built once and tested, so what runs cannot change under a tag
 */
public record ImageConfig(Optional<String> repository, String tag, Optional<String> digest) {

    public ImageConfig {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /** An image named by tag only. */
    public ImageConfig(Optional<String> repository, String tag) {
        this(repository, tag, Optional.empty());
    }

    /**
     * The full reference in this image's repository, or in {@code stackRepository} when none is set:
     * {@code repository:tag@digest} when the digest is set, else {@code repository:tag}. Both forms are the reference
     * grammar {@code name [":" tag] ["@" digest]} (https://github.com/distribution/reference/blob/main/reference.go);
     * with a digest the tag is informational.
     */
    public String reference(String stackRepository) {
        String tagged = repository.orElse(stackRepository) + ":" + tag;
        return digest.map(d -> tagged + "@" + d).orElse(tagged);
    }
}
