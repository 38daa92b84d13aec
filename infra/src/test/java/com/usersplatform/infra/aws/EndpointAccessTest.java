package com.usersplatform.infra.aws;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack's endpoint mode and deploy identity reach the EKS cluster as written. */
class EndpointAccessTest {

    private static final String CLUSTER = "aws:eks/cluster:Cluster";
    private static final String DEPLOY = "arn:aws:iam::210987654321:role/ci-deploy";

    private static OfflineRun.Result devWithCluster(String clusterJson) {
        return InfraHarness.run("dev", config -> config.put("users-platform:cluster", clusterJson));
    }

    @Test
    void privateOnlyTurnsThePublicEndpointOff() {
        RecordedResource cluster = devWithCluster("{\"endpointAccess\":\"private\",\"adminPrincipalArns\":[\"" + DEPLOY + "\"]}")
                .single(CLUSTER);
        assertEquals(false, cluster.input("vpcConfig.endpointPublicAccess"));
        assertEquals(true, cluster.input("vpcConfig.endpointPrivateAccess"));
        assertEquals(List.of(), cluster.input("vpcConfig.publicAccessCidrs"));
    }

    @Test
    void publicIamOnlyAdmitsEveryAddressAndTheDeployIdentityBecomesAdmin() {
        OfflineRun.Result run = devWithCluster("{\"endpointAccess\":\"publicIamOnly\",\"deployPrincipalArn\":\"" + DEPLOY + "\"}");
        RecordedResource cluster = run.single(CLUSTER);
        assertEquals(true, cluster.input("vpcConfig.endpointPublicAccess"));
        assertEquals(List.of("0.0.0.0/0"), cluster.input("vpcConfig.publicAccessCidrs"));
        // The GitHub Actions roles' entries (github-*) are asserted by delivery.GithubDeliveryTest.
        assertEquals(List.of(DEPLOY), run.ofType("aws:eks/accessEntry:AccessEntry").stream()
                .filter(e -> !e.name().startsWith("github-"))
                // Karpenter's node entry (EC2_LINUX) is asserted by autoscaling.NodeAutoscalingTest.
                .filter(e -> !"EC2_LINUX".equals(e.input("type")))
                .map(e -> e.input("principalArn")).toList());
        assertTrue(run.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").stream().anyMatch(a ->
                DEPLOY.equals(a.input("principalArn"))
                        && String.valueOf(a.input("policyArn")).endsWith("/AmazonEKSClusterAdminPolicy")));
    }
}
