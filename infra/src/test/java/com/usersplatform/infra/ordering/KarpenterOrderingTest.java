package com.usersplatform.infra.ordering;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Karpenter's first deploy, on the plan's dependency graph: the controller starts on the managed node group with
 * in-cluster DNS, its identity and queue in place; its NodePool and EC2NodeClass are applied only once the chart has
 * installed their CRDs (else the API server has no such kinds).
 */
class KarpenterOrderingTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theControllerWaitsForNodesDnsItsIdentityAndItsQueue(String stack) {
        DependencyGraph graph = new DependencyGraph(InfraHarness.run(stack));
        RecordedResource release = graph.single(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && "karpenter".equals(r.input("name")), "Karpenter release");
        Set<String> waitsFor = graph.waitsFor(release);
        for (String needed : Set.of(
                graph.nodeGroup(),
                graph.addon("coredns"),
                graph.single(r -> r.type().equals("aws:eks/podIdentityAssociation:PodIdentityAssociation")
                        && "karpenter".equals(r.input("serviceAccount")), "Karpenter's pod identity").key(),
                graph.single(r -> r.type().equals("aws:sqs/queuePolicy:QueuePolicy"), "queue policy").key(),
                graph.single(r -> r.type().equals("aws:eks/accessEntry:AccessEntry")
                        && "EC2_LINUX".equals(r.input("type")), "node access entry").key())) {
            assertTrue(waitsFor.contains(needed), release.key() + " does not wait for " + needed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theNodePoolAndNodeClassWaitForTheChartsCrds(String stack) {
        DependencyGraph graph = new DependencyGraph(InfraHarness.run(stack));
        String release = graph.single(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && "karpenter".equals(r.input("name")), "Karpenter release").key();
        RecordedResource nodeClass = graph.single(r -> r.type().equals("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass"),
                "EC2NodeClass");
        RecordedResource nodePool = graph.single(r -> r.type().equals("kubernetes:karpenter.sh/v1:NodePool"), "NodePool");
        assertTrue(graph.waitsFor(nodeClass).contains(release), nodeClass.key() + " does not wait for " + release);
        assertTrue(graph.waitsFor(nodePool).contains(release), nodePool.key() + " does not wait for " + release);
        assertTrue(graph.waitsFor(nodePool).contains(nodeClass.key()), "the NodePool refers to its EC2NodeClass");
    }
}
