package com.usersplatform.infra.observability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.aws.Plans;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.usersplatform.infra.aws.Plans.config;
import static com.usersplatform.infra.aws.Plans.keyArn;
import static com.usersplatform.infra.aws.Plans.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs that outlive pods: the CloudWatch Observability add-on with its own role, its application log group and the
 * control-plane log group kept and encrypted as the stack says, and a key policy that lets CloudWatch Logs use the key.
 */
class ContainerLogsTest {

    private static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void containerAndControlPlaneLogGroupsAreEncryptedAndKeptAsTheStackSays(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        var logs = config(stack).observability().logs();
        for (String group : List.of("container-logs-application", "eks-control-plane")) {
            RecordedResource logGroup = named(run, LOG_GROUP, group);
            assertEquals(logs.retentionDays(), ((Number) logGroup.input("retentionInDays")).intValue(), group);
            assertEquals(keyArn(run), logGroup.input("kmsKeyId"), group);
        }
        assertTrue(String.valueOf(named(run, LOG_GROUP, "container-logs-application").input("name"))
                .matches("/aws/containerinsights/.+/application"));
        assertEquals(logs.controlPlaneLogTypes(), run.single("aws:eks/cluster:Cluster").input("enabledClusterLogTypes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void addOnShipsLogsAsItsOwnPodIdentityAfterItsLogGroupAndTheNodes(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource addon = Plans.addon(run, "amazon-cloudwatch-observability");
        assertEquals(List.of(ContainerLogs.SERVICE_ACCOUNT), Plans.podIdentityServiceAccounts(addon));
        assertTrue(run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream().anyMatch(a ->
                "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy".equals(a.input("policyArn"))
                        && a.name().startsWith("container-logs-")));
        assertTrue(addon.dependsOn().contains(named(run, LOG_GROUP, "container-logs-application").key()),
                "Fluent Bit would create the group itself: unencrypted, kept forever");
        assertTrue(addon.dependsOn().contains(run.single("aws:eks/nodeGroup:NodeGroup").key()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void keyPolicyAdmitsCloudWatchLogsOfTheRegionForTheAccountsLogGroupsOnly(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        String region = config(stack).awsRegion();
        JsonObject policy = JsonParser.parseString((String) named(run, "aws:kms/key:Key", "kms").input("policy"))
                .getAsJsonObject();
        JsonObject logs = policy.getAsJsonArray("Statement").asList().stream().map(s -> s.getAsJsonObject())
                .filter(s -> s.has("Principal") && s.getAsJsonObject("Principal").has("Service")).findFirst()
                .orElseThrow();
        assertEquals("logs." + region + ".amazonaws.com", logs.getAsJsonObject("Principal").get("Service").getAsString());
        assertEquals("arn:aws:logs:" + region + ":123456789012:log-group:*", logs.getAsJsonObject("Condition")
                .getAsJsonObject("ArnLike").get("kms:EncryptionContext:aws:logs:arn").getAsString());
    }

    @Test
    void withoutContainerLogsThereIsNoAddOnNoRoleAndNoLogGroup() {
        OfflineRun.Result run = InfraHarness.run("dev", config -> config.compute("users-platform:observability",
                (key, json) -> json == null ? "{\"logs\":{\"containerLogs\":false}}"
                        : json.replaceFirst("\\{", "{\"logs\":{\"containerLogs\":false},")));
        assertTrue(run.errors().isEmpty(), run.errors().toString());
        assertTrue(run.ofType("aws:eks/addon:Addon").stream()
                .noneMatch(a -> "amazon-cloudwatch-observability".equals(a.input("addonName"))));
        assertTrue(run.ofType(LOG_GROUP).stream().noneMatch(g -> g.name().startsWith("container-logs")));
    }
}
