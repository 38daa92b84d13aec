package com.usersplatform.stacks;

/**
 * One service's Deployment and HPA.
 *
 * @param image container image (repository and pinned tag)
 * @param resources CPU/memory requests and limits
 * @param autoscaling replica bounds and HPA targets
 */
public record WorkloadConfig(ImageConfig image, ResourcesConfig resources, AutoscalingConfig autoscaling) {

    /** Defaults of the gateway (port 3000). */
    public static final WorkloadConfig GATEWAY_DEFAULTS = defaultsFor("gateway");

    /** Defaults of the users service (port 3001). */
    public static final WorkloadConfig USERS_DEFAULTS = defaultsFor("users");

    /** Image tag {@code 1.0.0} from the stack's ECR repository, 250m/384Mi requested, 1 CPU/512Mi limit, 2–6 replicas. */
    private static WorkloadConfig defaultsFor(String service) {
        return new WorkloadConfig(
                new ImageConfig(java.util.Optional.empty(), "1.0.0"),
                new ResourcesConfig(new ComputeResources("250m", "384Mi"), new ComputeResources("1", "512Mi")),
                new AutoscalingConfig(2, 6, 70, 80, 300));
    }
}
