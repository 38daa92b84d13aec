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
                "users-platform:ingress: {hostname: api.example.com, hostedZoneId: Z0123456789ABCDEFGHIJ}"));
        assertTrue(prod.ingress().tls(), "the program makes the certificate");
    }
}
