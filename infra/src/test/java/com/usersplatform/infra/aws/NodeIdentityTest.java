package com.usersplatform.infra.aws;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static com.usersplatform.infra.aws.Plans.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VPC CNI acts as its own Pod Identity, not the node role; the stack's tags reach instances and volumes. */
class NodeIdentityTest {

    private static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    private static final String CNI_POLICY = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void vpcCniHasItsOwnRoleAndTheNodeRoleNoLongerCarriesTheCniPolicy(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource cni = Plans.addon(run, "vpc-cni");
        assertEquals(List.of("aws-node"), Plans.podIdentityServiceAccounts(cni));
        List<String> withCniPolicy = run.ofType(ATTACHMENT).stream()
                .filter(a -> CNI_POLICY.equals(a.input("policyArn"))).map(RecordedResource::name).toList();
        assertEquals(List.of("eks-vpc-cni-AmazonEKS_CNI_Policy"), withCniPolicy, "only the add-on's role");
        assertTrue(cni.dependsOn().contains(named(run, "aws:eks/addon:Addon", "eks-eks-pod-identity-agent").key()));
        assertTrue(cni.dependsOn().contains(named(run, ATTACHMENT, "eks-vpc-cni-AmazonEKS_CNI_Policy").key()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void launchTemplateTagsInstancesVolumesAndNetworkInterfaces(String stack) {
        RecordedResource template = named(InfraHarness.run(stack), "aws:ec2/launchTemplate:LaunchTemplate", "eks-nodes");
        List<?> specifications = (List<?>) template.input("tagSpecifications");
        assertEquals(List.of("instance", "volume", "network-interface"),
                specifications.stream().map(s -> ((Map<?, ?>) s).get("resourceType")).toList());
        Map<String, String> expected = Plans.config(stack).resourceTags();
        specifications.forEach(s -> assertEquals(expected, ((Map<?, ?>) s).get("tags")));
        assertEquals(stack, expected.get("stack"));
    }
}
