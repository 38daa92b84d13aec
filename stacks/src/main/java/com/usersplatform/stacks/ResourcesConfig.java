package com.usersplatform.stacks;

/**
 * Container resources of a workload; each limit must be at least its request.
 *
 * @param requests what the scheduler reserves; the HPA's utilisation targets are relative to these
 * @param limits the most the container may use; the JVM's heap is fixed in the image, so a service's memory limit
 *               must be at least 256Mi
 */
public record ResourcesConfig(ComputeResources requests, ComputeResources limits) {
}
