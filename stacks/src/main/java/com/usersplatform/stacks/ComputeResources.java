package com.usersplatform.stacks;

/**
 * CPU and memory as Kubernetes quantities (see {@link Quantity}).
 *
 * @param cpu CPU, e.g. {@code 250m} or {@code "1"} (quote plain numbers in YAML)
 * @param memory memory, e.g. {@code 512Mi} or {@code 1Gi}
 */
public record ComputeResources(String cpu, String memory) {
}
