package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus's volume, retention and resources: defaulted, read from the stack, bounded with their key paths. */
class PrometheusConfigTest {

    @TempDir
    Path dir;

    @Test
    void retentionSizeMustLeaveRoomOnTheVolume() {
        assertEquals(List.of("users-platform:observability.prometheus.retentionSizeGib: must be at least 1 and below "
                        + "volumeSizeGib (20: the WAL and compaction need room), got 20"),
                problems(write(dir, "full", "users-platform:observability: {prometheus: {retentionSizeGib: 20}}")));
    }

    @Test
    void rejectsSizesOutsideGp3AndLimitsBelowRequests() {
        List<String> problems = problems(write(dir, "bad", "users-platform:observability: {prometheus: "
                + "{retentionDays: 0, volumeSizeGib: 16385, resources: {requests: {cpu: 500m, memory: 2Gi}, "
                + "limits: {cpu: 250m, memory: 2Gi}}}}"));
        assertEquals(List.of(
                "users-platform:observability.prometheus.retentionDays: must be between 1 and 365, got 0",
                "users-platform:observability.prometheus.volumeSizeGib: must be between 1 and 16384, got 16385",
                "users-platform:observability.prometheus.resources.limits.cpu: limit (250m) must be >= request (500m)"),
                problems);
    }

    @Test
    void devKeepsTheDefaultsAndProdSizesItsOwn() {
        assertEquals(PrometheusConfig.DEFAULTS, StackConfigLoader.loadFile(StackFiles.repositoryRoot()
                .resolve("Pulumi.dev.yaml")).observability().prometheus());
        PrometheusConfig prod = StackConfigLoader.loadFile(StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml"))
                .observability().prometheus();
        assertEquals(new PrometheusConfig(15, 100, 85, new ResourcesConfig(new ComputeResources("500m", "2Gi"),
                new ComputeResources("2", "4Gi"))), prod);
    }
}
