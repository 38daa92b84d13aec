package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack fields a first deploy needs: typed, defaulted, validated with the key path. */
class FirstDeployFieldsTest {

    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    @Test
    void apiKeyHashDefaultsToAGeneratedFirstKeyAndAcceptsALowercaseSha256() {
        assertEquals(Optional.empty(), StackConfigLoader.loadFile(write(dir, "none")).secrets().apiKeyHash());
        assertEquals(Optional.of(HASH), StackConfigLoader.loadFile(write(dir, "hash",
                "users-platform:secrets: {apiKeyHash: " + HASH + "}")).secrets().apiKeyHash());
    }

    @Test
    void apiKeyHashMustBeWhatTheGatewayReads() {
        for (String bad : List.of(HASH.toUpperCase(), HASH.substring(1), "my-api-key")) {
            List<String> problems = problems(write(dir, "bad", "users-platform:secrets: {apiKeyHash: " + bad + "}"));
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.getFirst().startsWith("users-platform:secrets.apiKeyHash: must be the lowercase hex SHA-256"),
                    problems.getFirst());
        }
    }

    @Test
    void aHostedZoneNeedsAHostnameAndAZoneIdAndCountsAsTlsInProduction() {
        List<String> noHost = problems(write(dir, "zone1", "users-platform:ingress: {hostedZoneId: Z0123456789ABCDEFGHIJ}"));
        assertEquals(List.of("users-platform:ingress.hostedZoneId: needs ingress.hostname (the name the record and the"
                + " certificate are for)"), noHost);
        List<String> bad = problems(write(dir, "zone2",
                "users-platform:ingress: {hostname: api.example.com, hostedZoneId: example.com}"));
        assertEquals(1, bad.size(), bad::toString);
        assertTrue(bad.getFirst().startsWith("users-platform:ingress.hostedZoneId: must be a Route 53 hosted zone id"));
        StackConfig prod = StackConfigLoader.loadFile(write(dir, "zone3", "users-platform:production: true",
                "users-platform:network: {azCount: 3, natGateways: perAz}",
                "users-platform:cache: {replicas: 2, multiAz: true, automaticFailover: true, snapshotRetentionDays: 7}",
                "users-platform:workloads: {gateway: {autoscaling: {minReplicas: 2}}, users: {autoscaling: {minReplicas: 2}}}",
                "users-platform:ingress: {hostname: api.example.com, hostedZoneId: Z0123456789ABCDEFGHIJ}",
                "users-platform:alerting: {emailEndpoints: [oncall@example.com]}"));
        assertTrue(prod.ingress().tls(), "the program makes the certificate");
    }

    @Test
    void theEndpointModeIsStatedOrImpliedAndTheCidrsMatchIt() {
        assertEquals(EndpointAccess.PRIVATE, StackConfigLoader.loadFile(write(dir, "m0")).cluster().endpointMode());
        ClusterConfig implied = StackConfigLoader.loadFile(write(dir, "m1",
                "users-platform:cluster: {endpointPublicAccessCidrs: [198.18.0.0/24]}")).cluster();
        assertEquals(EndpointAccess.PUBLIC_CIDRS, implied.endpointMode());
        ClusterConfig iamOnly = StackConfigLoader.loadFile(write(dir, "m2",
                "users-platform:cluster: {endpointAccess: publicIamOnly}")).cluster();
        assertEquals(List.of("0.0.0.0/0"), iamOnly.effectivePublicAccessCidrs());
        assertTrue(iamOnly.publicEndpoint());
        assertEquals(List.of("users-platform:cluster.endpointPublicAccessCidrs: must be empty when endpointAccess is"
                + " private (CIDRs apply only to publicCidrs)"), problems(write(dir, "m3",
                "users-platform:cluster: {endpointAccess: private, endpointPublicAccessCidrs: [198.18.0.0/24]}")));
        assertEquals(List.of("users-platform:cluster.endpointPublicAccessCidrs: must list at least one CIDR when"
                + " endpointAccess is publicCidrs"), problems(write(dir, "m4",
                "users-platform:cluster: {endpointAccess: publicCidrs}")));
        List<String> unknown = problems(write(dir, "m5", "users-platform:cluster: {endpointAccess: public}"));
        assertEquals(1, unknown.size(), unknown::toString);
        assertTrue(unknown.getFirst().startsWith("users-platform:cluster.endpointAccess: must be one of private,"
                + " publicCidrs, publicIamOnly"), unknown.getFirst());
    }

    @Test
    void theDeployIdentityIsAClusterAdminAndMustBeAnIamArn() {
        ClusterConfig cluster = StackConfigLoader.loadFile(write(dir, "d1", "users-platform:cluster: {adminPrincipalArns:"
                + " [\"arn:aws:iam::210987654321:role/admin\"], deployPrincipalArn: \"arn:aws:iam::210987654321:role/ci\"}"))
                .cluster();
        assertEquals(List.of("arn:aws:iam::210987654321:role/admin", "arn:aws:iam::210987654321:role/ci"),
                cluster.clusterAdminArns());
        List<String> bad = problems(write(dir, "d2", "users-platform:cluster: {deployPrincipalArn: ci-role}"));
        assertEquals(List.of("users-platform:cluster.deployPrincipalArn: must be an IAM role or user ARN"
                + " (arn:aws:iam::<account>:role/<name>), got 'ci-role'"), bad);
    }

    @Test
    void documentationRangesAndExampleAccountsAreNamedByKey() {
        StackConfig config = StackConfigLoader.loadFile(write(dir, "doc", "users-platform:cluster: {"
                + "endpointPublicAccessCidrs: [198.18.0.0/24, 203.0.113.0/24, 198.51.100.128/25], "
                + "adminPrincipalArns: [\"arn:aws:iam::210987654321:role/a\", \"arn:aws:iam::111122223333:role/b\"], "
                + "deployPrincipalArn: \"arn:aws:iam::123456789012:role/ci\"}"));
        assertEquals(List.of(
                "users-platform:cluster.endpointPublicAccessCidrs[1]: 203.0.113.0/24 is a documentation range (RFC 5737);"
                        + " no deploy machine has such an address",
                "users-platform:cluster.endpointPublicAccessCidrs[2]: 198.51.100.128/25 is a documentation range"
                        + " (RFC 5737); no deploy machine has such an address",
                "users-platform:cluster.adminPrincipalArns[1]: account 111122223333 is an AWS documentation example account",
                "users-platform:cluster.deployPrincipalArn: account 123456789012 is an AWS documentation example account"),
                DocumentationValues.of(config));
        assertEquals(Optional.of("RFC 3849"), DocumentationValues.documentationRange("2001:DB8:1::/48"));
        assertEquals(Optional.empty(), DocumentationValues.documentationRange("203.0.112.0/23"));
    }
}
