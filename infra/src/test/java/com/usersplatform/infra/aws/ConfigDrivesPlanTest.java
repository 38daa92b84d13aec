package com.usersplatform.infra.aws;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Stacks differ through config values alone: changing one value changes the plan, and nothing else does. */
class ConfigDrivesPlanTest {

    private static final String REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

    @Test
    void turningOnMultiAzInDevAddsAReplicaFailoverSnapshotsAndTheirAlarms() {
        OfflineRun.Result before = InfraHarness.run("dev");
        OfflineRun.Result after = InfraHarness.run("dev", config -> config.put("users-platform:cache",
                "{\"nodeType\":\"cache.t4g.micro\",\"replicas\":1,\"multiAz\":true,\"automaticFailover\":true,"
                        + "\"snapshotRetentionDays\":3}"));

        RecordedResource group = after.single(REPLICATION_GROUP);
        assertEquals(false, before.single(REPLICATION_GROUP).inputs().get("multiAzEnabled"));
        assertEquals(true, group.inputs().get("multiAzEnabled"));
        assertEquals(true, group.inputs().get("automaticFailoverEnabled"));
        assertEquals(2.0, group.inputs().get("numCacheClusters"));
        assertEquals(3.0, group.inputs().get("snapshotRetentionLimit"));
        assertEquals(2 * cacheAlarms(before), cacheAlarms(after));
    }

    private static long cacheAlarms(OfflineRun.Result run) {
        return run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> "AWS/ElastiCache".equals(a.inputs().get("namespace"))).count();
    }

    @Test
    void natGatewaysPerAzAndTheRotationScheduleComeFromConfig() {
        OfflineRun.Result before = InfraHarness.run("dev");
        OfflineRun.Result after = InfraHarness.run("dev", config -> {
            config.put("users-platform:network", "{\"cidr\":\"10.10.0.0/16\",\"natGateways\":\"perAz\"}");
            config.put("users-platform:secrets", "{\"rotationSchedule\":\"rate(14 days)\",\"recoveryWindowDays\":0}");
        });

        assertEquals(1, before.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals(2, after.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals("rate(14 days)", after.single("aws:secretsmanager/secretRotation:SecretRotation")
                .input("rotationRules.scheduleExpression"));
        assertNotEquals(before.single("aws:secretsmanager/secretRotation:SecretRotation").inputs(),
                after.single("aws:secretsmanager/secretRotation:SecretRotation").inputs());
    }

    @Test
    void theSameConfigUnderAnotherStackNameGivesTheSameShapeOfPlan() {
        OfflineRun.Result dev = InfraHarness.run("dev");
        OfflineRun.Result renamed = OfflineRun.run("staging", InfraHarness.config("dev"), java.util.Set.of(),
                com.usersplatform.infra.App::program, OfflineRun.DEFAULT_TIMEOUT);

        assertEquals(dev.resources().stream().map(r -> r.type() + " " + r.name()).sorted().toList(),
                renamed.resources().stream().map(r -> r.type() + " " + r.name()).sorted().toList());
        assertEquals(dev.single(REPLICATION_GROUP).inputs().get("nodeType"),
                renamed.single(REPLICATION_GROUP).inputs().get("nodeType"));
    }
}
