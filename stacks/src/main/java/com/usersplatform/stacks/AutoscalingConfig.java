package com.usersplatform.stacks;

/**
 * Replica bounds and HorizontalPodAutoscaler (autoscaling/v2) targets of a workload.
 *
 * @param minReplicas fewest replicas; at least 1, at least 2 in production (a PDB then keeps one up)
 * @param maxReplicas most replicas the HPA may scale to; at least {@code minReplicas}
 * @param cpuTargetPercent average CPU utilisation (of requests) the HPA aims for, 1 to 100
 * @param memoryTargetPercent average memory utilisation (of requests) the HPA aims for, 1 to 100
 * @param scaleDownStabilizationSeconds how long the HPA waits before scaling down, 0 to 3600 (slow scale-down)
 */
public record AutoscalingConfig(
        int minReplicas,
        int maxReplicas,
        int cpuTargetPercent,
        int memoryTargetPercent,
        int scaleDownStabilizationSeconds) {
}
