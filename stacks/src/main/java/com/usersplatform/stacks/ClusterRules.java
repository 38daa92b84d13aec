package com.usersplatform.stacks;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Rules of {@code users-platform:cluster}. */
final class ClusterRules {

    private static final String PATH = StackValidator.PREFIX + "cluster";
    private static final Pattern KUBERNETES_VERSION = Pattern.compile("1\\.\\d{2}");
    private static final Pattern PRINCIPAL_ARN =
            Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:(role|user)/[\\w+=,.@/-]{1,512}");
    /** EKS accepts at most 40 public access CIDRs. */
    private static final int MAX_PUBLIC_CIDRS = 40;

    private ClusterRules() {
    }

    static void check(ClusterConfig cluster, boolean production, Problems problems) {
        problems.check(KUBERNETES_VERSION.matcher(cluster.kubernetesVersion()).matches(), PATH + ".kubernetesVersion",
                "must be an EKS version major.minor such as 1.33, got '" + cluster.kubernetesVersion() + "'");
        checkInstanceTypes(cluster.nodeInstanceTypes(), problems);
        problems.check(cluster.minNodes() >= 1, PATH + ".minNodes", "must be at least 1, got " + cluster.minNodes());
        problems.check(cluster.minNodes() <= cluster.maxNodes(), PATH + ".minNodes",
                "min (" + cluster.minNodes() + ") must be <= max (" + cluster.maxNodes() + ")");
        problems.check(cluster.desiredNodes() >= cluster.minNodes() && cluster.desiredNodes() <= cluster.maxNodes(),
                PATH + ".desiredNodes", "must be between minNodes (" + cluster.minNodes() + ") and maxNodes ("
                        + cluster.maxNodes() + "), got " + cluster.desiredNodes());
        problems.range(PATH + ".maxNodes", cluster.maxNodes(), 1, 450);
        problems.range(PATH + ".nodeDiskSizeGib", cluster.nodeDiskSizeGib(), 20, 16384);
        String cidrs = PATH + ".endpointPublicAccessCidrs";
        problems.check(cluster.endpointPublicAccessCidrs().size() <= MAX_PUBLIC_CIDRS, cidrs,
                "at most " + MAX_PUBLIC_CIDRS + " CIDRs (EKS limit)");
        Cidrs.checkList(cluster.endpointPublicAccessCidrs(), cidrs, !production,
                "0.0.0.0/0 opens the Kubernetes API to the internet; not allowed in production", problems);
        switch (cluster.endpointMode()) {
            case PUBLIC_CIDRS -> problems.check(!cluster.endpointPublicAccessCidrs().isEmpty(), cidrs,
                    "must list at least one CIDR when endpointAccess is publicCidrs");
            case PRIVATE, PUBLIC_IAM_ONLY -> problems.check(cluster.endpointPublicAccessCidrs().isEmpty(), cidrs,
                    "must be empty when endpointAccess is " + cluster.endpointMode().configValue()
                            + " (CIDRs apply only to publicCidrs)");
        }
        List<String> admins = cluster.adminPrincipalArns();
        for (int i = 0; i < admins.size(); i++) {
            checkPrincipal(admins.get(i), PATH + ".adminPrincipalArns[" + i + "]", problems);
        }
        cluster.deployPrincipalArn().ifPresent(arn -> checkPrincipal(arn, PATH + ".deployPrincipalArn", problems));
    }

    private static void checkPrincipal(String arn, String path, Problems problems) {
        problems.check(PRINCIPAL_ARN.matcher(arn).matches(), path,
                "must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>), got '" + arn + "'");
    }

    private static void checkInstanceTypes(List<String> types, Problems problems) {
        String path = PATH + ".nodeInstanceTypes";
        problems.check(!types.isEmpty(), path, "must name at least one instance type");
        problems.check(new HashSet<>(types).size() == types.size(), path, "must not repeat an instance type");
        for (int i = 0; i < types.size(); i++) {
            problems.check(InstanceTypes.isEc2(types.get(i)), path + "[" + i + "]",
                    "must be an EC2 instance type such as m7i.large, got '" + types.get(i) + "'");
        }
        problems.check(types.stream().map(InstanceTypes::isGraviton).distinct().count() <= 1, path,
                "mixes arm64 (Graviton) and x86_64 instance types; a node group runs one architecture");
    }
}
