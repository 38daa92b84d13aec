package com.usersplatform.infra;

import com.usersplatform.infra.offline.OfflineRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void programRegistersTheFoundationAndExportsTheStackOutputs(String stack) {
        OfflineRun.Result result = InfraHarness.run(stack);

        assertEquals(1, result.ofType("aws:eks/cluster:Cluster").size());
        assertEquals(1, result.ofType("aws:elasticache/replicationGroup:ReplicationGroup").size());
        assertTrue(result.outputs().keySet().containsAll(
                java.util.List.of("kubeconfig", "gatewayUrl", "redisEndpoint", "secretArn")), result.outputs().toString());
        assertFalse(String.valueOf(result.outputs().get("redisEndpoint")).isBlank());
    }
}
