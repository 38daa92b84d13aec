package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node group's maximum holds both HPAs' maximum plus the system pods, by arithmetic on requests. */
class CapacityRulesTest {

    @TempDir
    Path dir;

    @Test
    void allocatableFollowsTheEksAmiReservations() {
        // 2 vCPU: 60m + 10m reserved. 8 GiB: 255 + 11 x 110 + 100 = 1565 MiB reserved.
        assertEquals(new CapacityRules.Node(1930, 8192 - 1565), CapacityRules.allocatable("m7i.large").orElseThrow());
        assertEquals(new CapacityRules.Node(1930, 4096 - 1565), CapacityRules.allocatable("t3a.medium").orElseThrow());
        // 8 vCPU: 60 + 10 + 5 + 5 + 4 x 2.5 = 90m.
        assertEquals(new CapacityRules.Node(8000 - 90, 16 * 1024 - 1565),
                CapacityRules.allocatable("c6i.2xlarge").orElseThrow());
        assertTrue(CapacityRules.allocatable("x2iedn.xlarge").isEmpty(), "unknown families are not guessed");
    }

    @Test
    void withoutKarpenterTheProdStackHoldsItsMaximaAndSixNodesWouldNot() throws Exception {
        // prod: 9 x m7i.large leave 9 x (1930 - 150) - 1500 = 14520m; 24 pods x 500m = 12000m fit.
        Path prod = StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml");
        assertEquals(9, StackConfigLoader.loadFile(prod).cluster().maxNodes());

        // 6 nodes leave 6 x 1780 - 1500 = 9180m < 12000m: refused, naming the keys.
        Path six = dir.resolve("Pulumi.six.yaml");
        Files.writeString(six, Files.readString(prod).replace("maxNodes: 9", "maxNodes: 6")
                + "  users-platform:nodeAutoscaling: {enabled: false}\n");
        List<String> refused = problems(six);
        assertEquals(List.of("users-platform:cluster.maxNodes: nodes cannot hold both workloads at their HPA maximum:"
                + " they request 12000m CPU, the nodes leave 9180m after system pods (users-platform:cluster.maxNodes"
                + " 6 x m7i.large/m6i.large vs users-platform:workloads.*.autoscaling.maxReplicas x"
                + " resources.requests)"), refused);
    }

    @Test
    void memoryIsCheckedToo() {
        // 3 x t3.small: 2048 - 1565 = 483 MiB each, less than the per-node system budget: nothing is left.
        List<String> problems = problems(write(dir, "small", "users-platform:cluster: {nodeInstanceTypes: [t3.small],"
                + " minNodes: 1, desiredNodes: 1, maxNodes: 3}", "users-platform:nodeAutoscaling: {enabled: false}"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("users-platform:cluster.maxNodes: nodes cannot hold")
                && p.contains("Mi memory")), problems.toString());
    }

    @Test
    void karpenterAddsItsCpuLimitAfterEachNodesReservations() {
        // 8 vCPU: at most 4 nodes of 2 vCPU, each losing 70m reserved + 150m DaemonSets: 8000 - 4 x 220 = 7120m.
        // 32 GiB: 32768 - 4 x (1565 + 256) = 25484 MiB.
        var pool = CapacityRules.karpenterAllocatable(new NodeAutoscalingConfig(true, List.of("m"), 5,
                List.of(CapacityType.SPOT), 8, 32, "WhenEmpty", 0));
        assertEquals(new CapacityRules.Node(7120, 25484), pool);
    }

    @Test
    void withKarpenterTheManagedGroupCountsAtItsDesiredSizePlusTheNodePoolLimit() throws Exception {
        // prod with Karpenter: 3 x (1930 - 150) - 1500 = 3840m from the group; 24 pods x 500m = 12000m need
        // 8160m more. cpuLimit 10: 5 nodes, 10000 - 5 x 220 = 8900m: fits. cpuLimit 9: 4 nodes, 9000 - 880 = 8120m:
        // 40m short, refused at the NodePool's key.
        Path prod = StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml");
        String text = Files.readString(prod);
        assertEquals(10, StackConfigLoader.loadFile(writeFile("fits",
                text + "  users-platform:nodeAutoscaling: {cpuLimit: 10}\n")).nodeAutoscaling().cpuLimit());
        List<String> refused = problems(writeFile("short", text + "  users-platform:nodeAutoscaling: {cpuLimit: 9}\n"));
        assertEquals(List.of("users-platform:nodeAutoscaling.cpuLimit: nodes cannot hold both workloads at their HPA"
                + " maximum: they request 12000m CPU, the nodes leave 11960m after system pods"
                + " (users-platform:cluster.desiredNodes 3 x m7i.large/m6i.large + users-platform:nodeAutoscaling.cpuLimit"
                + " 9 / .memoryLimitGib 128 vs users-platform:workloads.*.autoscaling.maxReplicas x resources.requests)"),
                refused);
    }

    private Path writeFile(String stack, String text) throws Exception {
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
