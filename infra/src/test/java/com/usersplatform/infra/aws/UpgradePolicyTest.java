package com.usersplatform.infra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.usersplatform.infra.InfraHarness;

import org.junit.jupiter.api.Test;

/** The cluster's upgrade policy follows cluster.extendedSupport: standard support unless the stack pays for more. */
class UpgradePolicyTest {

    private static final String CLUSTER = "aws:eks/cluster:Cluster";

    @Test
    void committedStacksStayOnStandardSupportAndTheSwitchBuysExtended() {
        assertEquals("STANDARD", InfraHarness.run("dev").single(CLUSTER).input("upgradePolicy.supportType"));
        assertEquals("STANDARD", InfraHarness.run("prod").single(CLUSTER).input("upgradePolicy.supportType"));
        var extended = InfraHarness.run("dev", config -> config.compute("users-platform:cluster",
                (key, json) -> json.replaceFirst("\\{", "{\"extendedSupport\":true,")));
        assertEquals("EXTENDED", extended.single(CLUSTER).input("upgradePolicy.supportType"));
    }
}
