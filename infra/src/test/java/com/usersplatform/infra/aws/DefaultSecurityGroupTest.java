package com.usersplatform.infra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The VPC's default security group is adopted with no rules at all. */
class DefaultSecurityGroupTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDefaultSecurityGroupAllowsNothing(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource group = run.single("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assertEquals(run.single("aws:ec2/vpc:Vpc").name() + "-id", group.inputs().get("vpcId"));
        assertTrue(Plans.list(group.inputs().get("ingress")).isEmpty(), "no ingress: " + group.inputs());
        assertTrue(Plans.list(group.inputs().get("egress")).isEmpty(), "no egress: " + group.inputs());
    }
}
