package com.usersplatform.stacks;

/**
 * Prometheus's own storage and size: a volume on the encrypted gp3 StorageClass so samples outlive the pod, how long
 * and how much it keeps, and its container resources (with requests it is no longer BestEffort, first evicted).
 *
 * @param retentionDays how long samples are kept, days (1 to 365)
 * @param volumeSizeGib size of each replica's persistent volume, GiB (1 to 16384, the gp3 maximum)
 * @param retentionSizeGib samples beyond this size are dropped oldest first, GiB; below the volume size, so the
 *        write-ahead log and compaction keep room
 * @param resources requests and limits of the Prometheus container
 */
public record PrometheusConfig(int retentionDays, int volumeSizeGib, int retentionSizeGib, ResourcesConfig resources) {

    /** Defaults: 3 days, 20 GiB volume holding at most 16 GiB of blocks, 250m / 1Gi requested, 1 / 2Gi limit. */
    public static final PrometheusConfig DEFAULTS = new PrometheusConfig(3, 20, 16, new ResourcesConfig(
            new ComputeResources("250m", "1Gi"), new ComputeResources("1", "2Gi")));
}
