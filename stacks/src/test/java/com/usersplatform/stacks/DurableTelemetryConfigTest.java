package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log shipping, flow logs and VPC endpoints: defaulted, read from the stack, bounded with their key paths. */
class DurableTelemetryConfigTest {

    @TempDir
    Path dir;

    @Test
    void retentionMustBeACloudWatchPeriodAndLogTypesEksOnes() {
        List<String> problems = problems(write(dir, "logs",
                "users-platform:observability: {logs: {retentionDays: 10, controlPlaneLogTypes: [api, kubelet]}}",
                "users-platform:network: {flowLogRetentionDays: 2}"));
        assertTrue(problems.contains("users-platform:network.flowLogRetentionDays: must be one of CloudWatch Logs' "
                + "retention periods " + LogRetention.DAYS + ", got 2"), problems.toString());
        assertTrue(problems.contains("users-platform:observability.logs.retentionDays: must be one of CloudWatch "
                + "Logs' retention periods " + LogRetention.DAYS + ", got 10"), problems.toString());
        assertTrue(problems.contains("users-platform:observability.logs.controlPlaneLogTypes: must be among "
                + "[api, audit, authenticator, controllerManager, scheduler], got 'kubelet'"), problems.toString());
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void productionKeepsFlowLogsContainerLogsAndTheAuditLog() {
        List<String> problems = problems(write(dir, "prodlogs", "users-platform:production: true",
                "users-platform:network: {flowLogs: false}",
                "users-platform:observability: {logs: {controlPlaneLogTypes: [api]}}"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("users-platform:network.flowLogs: must be true in "
                + "production")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("users-platform:observability.logs: must ship "
                + "container logs and keep the audit log in production")), problems.toString());
    }

    @Test
    void devSavesTheEndpointsAndProdBuysThem() {
        StackConfig dev = StackConfigLoader.loadFile(StackFiles.repositoryRoot().resolve("Pulumi.dev.yaml"));
        StackConfig prod = StackConfigLoader.loadFile(StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml"));
        assertFalse(dev.network().endpoints());
        assertTrue(dev.network().flowLogs());
        assertEquals(LogsConfig.DEFAULTS, dev.observability().logs());
        assertTrue(prod.network().endpoints());
        assertEquals(90, prod.network().flowLogRetentionDays());
        assertEquals(new LogsConfig(true, 90, List.of("api", "audit", "authenticator", "controllerManager",
                "scheduler")), prod.observability().logs());
    }
}
