package com.usersplatform.stacks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the nodes can hold both workloads at their HPA maximum plus the system pods, by
 * their CPU and memory requests (what the scheduler counts). Nodes are taken to be the smallest of
 * {@code nodeInstanceTypes} (the group may launch any of them). A type whose size this table does not know is not
 * checked. With Karpenter on, the nodes are the managed group at {@code desiredNodes} plus the NodePool at its limits.
 */
public final class CapacityRules {

    private static final String CLUSTER = StackValidator.PREFIX + "cluster";
    private static final String WORKLOADS = StackValidator.PREFIX + "workloads";
    /**
     * vCPUs by size for the general-purpose, compute and memory families
     * (https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html): large 2, xlarge 4, Nxlarge 4N.
     */
    private static final Map<String, Integer> T_FAMILY_VCPUS = Map.of("nano", 2, "micro", 2, "small", 2, "medium", 2);
    /** GiB of memory per vCPU: c 2, m 4, r 8 (same page); t sizes have their own table. */
    private static final Map<Character, Integer> GIB_PER_VCPU = Map.of('c', 2, 'm', 4, 'r', 8);
    private static final Map<String, Double> T_FAMILY_GIB = Map.of("nano", 0.5, "micro", 1.0, "small", 2.0,
            "medium", 4.0, "large", 8.0, "xlarge", 16.0, "2xlarge", 32.0);
    /**
     * Budget for the system pods' requests: per node the DaemonSets (aws-node, kube-proxy, eks-pod-identity-agent),
     * per cluster CoreDNS (2 replicas), metrics-server, the load balancer controller, External Secrets, the trace
     * collector and the monitoring stack. A budget, not a sum of the charts' values: raise it with the charts.
     */
    static final long SYSTEM_PER_NODE_MILLICORES = 150;
    static final long SYSTEM_PER_NODE_MIB = 256;
    static final long SYSTEM_CLUSTER_MILLICORES = 1500;
    static final long SYSTEM_CLUSTER_MIB = 3072;
    /**
     * Memory the EKS AMI reserves for the kubelet: 255 MiB + 11 MiB per pod (at most 110 pods assumed), plus the
     * 100 MiB hard eviction threshold (amazon-eks-ami, templates/al2/runtime/bootstrap.sh).
     */
    static final long KUBE_RESERVED_MIB = 255 + 11 * 110 + 100;
    /** Smallest node Karpenter's NodePool may launch, vCPUs (its {@code karpenter.k8s.aws/instance-cpu} requirement). */
    public static final int KARPENTER_MIN_NODE_VCPUS = 2;

    private CapacityRules() {
    }

    /** A node's allocatable CPU (millicores) and memory (MiB). */
    record Node(long millicores, long mib) {
    }

    static void check(StackConfig config, Problems problems) {
        ClusterConfig cluster = config.cluster();
        Optional<Node> smallest = cluster.nodeInstanceTypes().stream().map(CapacityRules::allocatable)
                .flatMap(Optional::stream)
                .min((a, b) -> Long.compare(a.millicores() * 1024 + a.mib(), b.millicores() * 1024 + b.mib()));
        if (smallest.isEmpty() || cluster.nodeInstanceTypes().stream().anyMatch(t -> allocatable(t).isEmpty())) {
            return;
        }
        NodeAutoscalingConfig karpenter = config.nodeAutoscaling();
        // Karpenter launches nodes of its own and never resizes the managed group, which stays at its desired size;
        // without it nothing scales either, and maxNodes is the bound the stack promises.
        long nodes = karpenter.enabled() ? cluster.desiredNodes() : cluster.maxNodes();
        long cpuHave = nodes * (smallest.get().millicores() - SYSTEM_PER_NODE_MILLICORES) - SYSTEM_CLUSTER_MILLICORES;
        long memHave = nodes * (smallest.get().mib() - SYSTEM_PER_NODE_MIB) - SYSTEM_CLUSTER_MIB;
        String keys = " (" + CLUSTER + (karpenter.enabled() ? ".desiredNodes " : ".maxNodes ") + nodes + " x "
                + String.join("/", cluster.nodeInstanceTypes());
        if (karpenter.enabled()) {
            Node pool = karpenterAllocatable(karpenter);
            cpuHave += pool.millicores();
            memHave += pool.mib();
            keys += " + " + NodeAutoscalingRules.PATH + ".cpuLimit " + karpenter.cpuLimit() + " / .memoryLimitGib "
                    + karpenter.memoryLimitGib();
        }
        long cpuNeed = 0;
        long memNeed = 0;
        for (WorkloadConfig w : List.of(config.workloads().gateway(), config.workloads().users())) {
            int pods = w.autoscaling().maxReplicas();
            cpuNeed += pods * millicores(w.resources().requests().cpu());
            memNeed += pods * mib(w.resources().requests().memory());
        }
        keys += " vs " + WORKLOADS + ".*.autoscaling.maxReplicas x resources.requests)";
        String path = karpenter.enabled() ? NodeAutoscalingRules.PATH + ".cpuLimit" : CLUSTER + ".maxNodes";
        problems.check(cpuNeed <= cpuHave, path, "nodes cannot hold both workloads at their HPA"
                + " maximum: they request " + cpuNeed + "m CPU, the nodes leave " + cpuHave + "m after system pods"
                + keys);
        problems.check(memNeed <= memHave, karpenter.enabled() ? NodeAutoscalingRules.PATH + ".memoryLimitGib" : path,
                "nodes cannot hold both workloads at their HPA maximum: they request " + memNeed
                        + "Mi memory, the nodes leave " + memHave + "Mi after system pods" + keys);
    }

    /**
     * What Karpenter's NodePool adds at its limits, after each node's reservations and DaemonSets. The NodePool's
     * limits count node capacity, not allocatable
     * (https://github.com/kubernetes-sigs/karpenter/blob/v1.14.1/pkg/apis/v1/nodepool.go, {@code Limits}), and it
     * launches nodes of at least {@link #KARPENTER_MIN_NODE_VCPUS} vCPUs (its {@code instance-cpu} requirement), so at
     * most {@code cpuLimit / 2} nodes each lose the reservations of a 2-vCPU node.
     */
    static Node karpenterAllocatable(NodeAutoscalingConfig karpenter) {
        long nodes = karpenter.cpuLimit() / KARPENTER_MIN_NODE_VCPUS;
        long cpu = karpenter.cpuLimit() * 1000L
                - nodes * (kubeReservedMillicores(KARPENTER_MIN_NODE_VCPUS) + SYSTEM_PER_NODE_MILLICORES);
        long mib = karpenter.memoryLimitGib() * 1024L - nodes * (KUBE_RESERVED_MIB + SYSTEM_PER_NODE_MIB);
        return new Node(Math.max(0, cpu), Math.max(0, mib));
    }

    /** Allocatable resources of one node of {@code type}, when the tables know it. */
    static Optional<Node> allocatable(String type) {
        int dot = type.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        char family = type.charAt(0);
        String size = type.substring(dot + 1);
        Optional<Integer> vcpus;
        Optional<Double> gib;
        if (family == 't') {
            vcpus = Optional.ofNullable(T_FAMILY_VCPUS.get(size)).or(() -> largeSizes(size));
            gib = Optional.ofNullable(T_FAMILY_GIB.get(size));
        } else if (GIB_PER_VCPU.containsKey(family)) {
            vcpus = largeSizes(size);
            gib = vcpus.map(v -> (double) v * GIB_PER_VCPU.get(family));
        } else {
            return Optional.empty();
        }
        if (vcpus.isEmpty() || gib.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Node(vcpus.get() * 1000L - kubeReservedMillicores(vcpus.get()),
                Math.round(gib.get() * 1024) - KUBE_RESERVED_MIB));
    }

    /**
     * CPU the EKS AMI reserves for the kubelet: 6% of the first core, 1% of the second, 0.5% of the third and
     * fourth, 0.25% of every further one (amazon-eks-ami, templates/al2/runtime/bootstrap.sh).
     */
    static long kubeReservedMillicores(int vcpus) {
        double reserved = 0;
        for (int core = 1; core <= vcpus; core++) {
            reserved += core == 1 ? 60 : core == 2 ? 10 : core <= 4 ? 5 : 2.5;
        }
        return Math.round(reserved);
    }

    private static Optional<Integer> largeSizes(String size) {
        if (size.equals("large")) {
            return Optional.of(2);
        }
        if (size.equals("xlarge")) {
            return Optional.of(4);
        }
        if (size.endsWith("xlarge") && size.substring(0, size.length() - 6).matches("[0-9]+")) {
            return Optional.of(4 * Integer.parseInt(size.substring(0, size.length() - 6)));
        }
        return Optional.empty();
    }

    private static long millicores(String cpu) {
        return Quantity.parse(cpu).map(q -> q.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING)
                .longValue()).orElse(0L);
    }

    private static long mib(String memory) {
        return Quantity.parse(memory).map(q -> q.divide(BigDecimal.valueOf(1024 * 1024), 0, RoundingMode.CEILING)
                .longValue()).orElse(0L);
    }
}
