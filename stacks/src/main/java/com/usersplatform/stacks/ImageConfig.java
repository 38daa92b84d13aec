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
 */
public record ImageConfig(Optional<String> repository, String tag) {

    public ImageConfig {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
    }
}
