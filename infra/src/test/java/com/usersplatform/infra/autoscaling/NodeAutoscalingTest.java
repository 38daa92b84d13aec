package com.usersplatform.infra.autoscaling;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Karpenter's registered inputs, from the committed stacks through the real program under the test engine. */
class NodeAutoscalingTest {

    private static RecordedResource single(OfflineRun.Result run, String type) {
        return run.single(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theControllerIsThePinnedOciChartWithItsClusterAndQueueOnTheManagedGroup(String stack) {
        var run = InfraHarness.run(stack);
        var release = run.ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> "karpenter".equals(r.input("name"))).findFirst().orElseThrow();
        assertEquals("oci://public.ecr.aws/karpenter/karpenter", release.input("chart"));
        assertEquals("1.14.1", release.input("version"));
        assertEquals(null, release.input("repositoryOpts"));
        assertEquals("users-platform-" + stack, release.input("values.settings.clusterName"));
        assertEquals(single(run, "aws:sqs/queue:Queue").input("name"), release.input("values.settings.interruptionQueue"));
        assertEquals("karpenter", release.input("values.serviceAccount.name"));
        String affinity = String.valueOf(release.input("values.affinity"));
        assertTrue(affinity.contains("eks.amazonaws.com/nodegroup") && affinity.contains("karpenter.sh/nodepool"),
                affinity);
        var association = run.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").stream()
                .filter(r -> "karpenter".equals(r.input("serviceAccount"))).findFirst().orElseThrow();
        assertEquals("kube-system", association.input("namespace"));
    }

    @Test
    void theInterruptionQueueIsEncryptedHttpsOnlyAndFedByEveryInterruptionRule() {
        var run = InfraHarness.run("prod");
        var queue = single(run, "aws:sqs/queue:Queue");
        assertEquals(true, queue.input("sqsManagedSseEnabled"));
        String policy = String.valueOf(single(run, "aws:sqs/queuePolicy:QueuePolicy").input("policy"));
        assertTrue(policy.contains("\"aws:SecureTransport\":\"false\"") && policy.contains("events.amazonaws.com"),
                policy);
        Set<String> detailTypes = run.ofType("aws:cloudwatch/eventRule:EventRule").stream()
                .map(r -> String.valueOf(r.input("eventPattern")))
                .collect(Collectors.toSet());
        for (String type : List.of("EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation",
                "EC2 Instance State-change Notification", "AWS Health Event")) {
            assertTrue(detailTypes.stream().anyMatch(p -> p.contains(type)), type + " not in " + detailTypes);
        }
        String queueArn = "arn:aws:sqs:eu-west-1:" + queueAccount(run) + ":" + queue.input("name");
        long targets = run.ofType("aws:cloudwatch/eventTarget:EventTarget").stream()
                .filter(t -> queueArn.equals(t.input("arn"))).count();
        assertEquals(InterruptionQueue.RULES.size(), targets);
    }

    @Test
    void nodesJoinThroughAnEc2LinuxAccessEntryOfTheRoleTheNodeClassNames() {
        var run = InfraHarness.run("prod");
        var entries = run.ofType("aws:eks/accessEntry:AccessEntry").stream()
                .filter(r -> "EC2_LINUX".equals(r.input("type"))).toList();
        assertEquals(1, entries.size());
        String roleName = String.valueOf(single(run, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass").input("spec.role"));
        assertTrue(String.valueOf(entries.getFirst().input("principalArn")).endsWith(":role/" + roleName),
                entries.getFirst().input("principalArn") + " vs " + roleName);
    }

    @Test
    void theControllersPoliciesAreTheTemplatesScopedToThisClusterAndQueue() {
        var run = InfraHarness.run("prod");
        var policies = run.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> KarpenterIam.policyNames().contains(String.valueOf(p.input("name")))).toList();
        assertEquals(KarpenterIam.policyNames().size(), policies.size());
        String all = policies.stream().map(p -> String.valueOf(p.input("policy"))).collect(Collectors.joining());
        // IAM's aggregate quota of a role's inline policies, whitespace not counted.
        assertTrue(all.replaceAll("\\s", "").length() < 10_240, "inline policies of " + all.length() + " chars");
        assertTrue(!all.contains("${"), "an unreplaced template parameter: " + all);
        assertTrue(all.contains("\"aws:ResourceTag/kubernetes.io/cluster/users-platform-prod\":\"owned\""), all);
        assertTrue(all.contains("\"Resource\":\"arn:aws:sqs:eu-west-1:"), all);
        assertTrue(all.contains("\"iam:PassedToService\""), all);
    }

    @Test
    void theNodePoolFollowsTheStackAndTheNodeClassMatchesTheNodeGroupsHardening() {
        var run = InfraHarness.run("dev");
        var pool = single(run, "kubernetes:karpenter.sh/v1:NodePool");
        assertEquals("8", pool.input("spec.limits.cpu"));
        assertEquals("32Gi", pool.input("spec.limits.memory"));
        assertEquals("WhenEmptyOrUnderutilized", pool.input("spec.disruption.consolidationPolicy"));
        assertEquals("300s", pool.input("spec.disruption.consolidateAfter"));
        String requirements = String.valueOf(pool.input("spec.template.spec.requirements"));
        assertTrue(requirements.contains("karpenter.sh/capacity-type") && requirements.contains("[spot]"), requirements);
        var nodeClass = single(run, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass");
        var launchTemplate = single(run, "aws:ec2/launchTemplate:LaunchTemplate");
        assertEquals(launchTemplate.input("metadataOptions.httpPutResponseHopLimit"),
                nodeClass.input("spec.metadataOptions.httpPutResponseHopLimit"));
        assertEquals(launchTemplate.input("metadataOptions.httpTokens"), nodeClass.input("spec.metadataOptions.httpTokens"));
        @SuppressWarnings("unchecked")
        var ebs = (Map<String, Object>) ((Map<String, Object>) ((List<?>) nodeClass.input("spec.blockDeviceMappings"))
                .getFirst()).get("ebs");
        @SuppressWarnings("unchecked")
        var groupEbs = (Map<String, Object>) ((Map<String, Object>) ((List<?>) launchTemplate
                .input("blockDeviceMappings")).getFirst()).get("ebs");
        assertEquals(Map.of("volumeSize", ((Number) groupEbs.get("volumeSize")).intValue() + "Gi", "volumeType", "gp3", "encrypted", true,
                "deleteOnTermination", true), ebs);
    }

    @Test
    void turnedOffNothingOfKarpenterIsCreated() {
        var run = InfraHarness.run("dev", config -> config.put("users-platform:nodeAutoscaling", "{\"enabled\":false}"));
        assertEquals(List.of(), run.ofType("kubernetes:karpenter.sh/v1:NodePool"));
        assertEquals(List.of(), run.ofType("aws:sqs/queue:Queue"));
        assertTrue(run.ofType("kubernetes:helm.sh/v3:Release").stream().noneMatch(r -> "karpenter".equals(r.input("name"))));
    }

    private static String queueAccount(OfflineRun.Result run) {
        String arn = String.valueOf(run.ofType("aws:eks/cluster:Cluster").getFirst().input("roleArn"));
        return arn.split(":")[4];
    }
}
