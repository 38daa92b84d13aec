package com.usersplatform.infra.cluster;

import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The builder applies its documented defaults and refuses to build without a required field, naming it. */
class EksClusterArgsTest {

    /** Every required field, no optional one. */
    private static EksClusterArgsBuilder required() {
        return EksClusterArgs.builder().clusterName("users-platform-dev").region("eu-west-1")
                .kubernetesVersion("1.33").privateSubnetIds(Output.of(List.of("subnet-1")))
                .kmsKeyArn(Output.of("arn:aws:kms:eu-west-1:123456789012:key/k")).nodeInstanceTypes(List.of("t3.large"))
                .cpuArchitecture("x86_64").minNodes(2).desiredNodes(2)
                .maxNodes(4).nodeDiskSizeGib(50).logRetentionDays(90)
                .supportType("STANDARD").logTypes(List.of("api", "audit", "authenticator"));
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        EksClusterArgs args = required().build();

        assertEquals("ON_DEMAND", args.capacityType());
        assertEquals(List.of(), args.endpointPublicAccessCidrs());
        assertEquals(List.of(), args.adminPrincipalArns());
        assertEquals(List.of(), args.privateEgress());
        assertEquals(Map.of(), args.tags());
        assertEquals(List.of(2, 2, 4), List.of(args.minNodes(), args.desiredNodes(), args.maxNodes()));
    }

    @Test
    void setFieldsOverrideTheDefaults() {
        EksClusterArgs args = required().capacityType("SPOT").tags(Map.of("owner", "platform"))
                .endpointPublicAccessCidrs(List.of("203.0.113.0/24")).build();

        assertEquals("SPOT", args.capacityType());
        assertEquals(Map.of("owner", "platform"), args.tags());
        assertEquals(List.of("203.0.113.0/24"), args.endpointPublicAccessCidrs());
    }

    @Test
    void buildNamesTheMissingRequiredField() {
        var missingVersion = assertThrows(NullPointerException.class,
                () -> required().kubernetesVersion(null).build());
        assertEquals("kubernetesVersion is required", missingVersion.getMessage());

        var missingNodes = assertThrows(NullPointerException.class, () -> required().maxNodes(null).build());
        assertEquals("maxNodes is required", missingNodes.getMessage());

        var missingLogs = assertThrows(IllegalArgumentException.class, () -> required().logTypes(null).build());
        assertEquals("logTypes is required (at least one)", missingLogs.getMessage());

        var nothing = assertThrows(NullPointerException.class, () -> EksClusterArgs.builder().build());
        assertEquals("clusterName is required", nothing.getMessage());
    }
}
