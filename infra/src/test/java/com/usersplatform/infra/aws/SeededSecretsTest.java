package com.usersplatform.infra.aws;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static com.usersplatform.infra.aws.Plans.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every secret a pod reads at start has a first version after {@code up}; operators own the value afterwards. */
class SeededSecretsTest {

    private static final String VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
    private static final String OPERATOR_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretHasAFirstVersionThatPulumiLeavesAloneAfterwards(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        List<RecordedResource> secrets = run.ofType("aws:secretsmanager/secret:Secret");
        assertEquals(2, secrets.size());
        for (RecordedResource secret : secrets) {
            RecordedResource version = run.ofType(VERSION).stream()
                    .filter(v -> v.dependsOn().contains(secret.key())).findFirst()
                    .orElseThrow(() -> new AssertionError(secret.key() + " has no first version"));
            assertFalse(String.valueOf(version.inputs().get("secretString")).isBlank(), version.key());
            assertTrue(run.optionsOf(version).ignoreChanges().contains("secretString"), version.key());
        }
    }

    @Test
    void withoutAHashInTheStackTheFirstKeyIsGeneratedAndOnlyItsHashIsStored() throws Exception {
        OfflineRun.Result run = InfraHarness.run("dev");
        String key = String.valueOf(run.outputs().get("firstApiKey"));
        assertEquals("stand-in-password-redis-credentials-first-api-key", key, "the generated key is the stack output");
        String stored = String.valueOf(named(run, VERSION, "redis-credentials-api-keys").inputs().get("secretString"));
        assertTrue(stored.lines().anyMatch(sha256Hex(key)::equals), stored);
        assertFalse(stored.contains(key), "the key itself is never stored");
        assertEquals(40d, named(run, "random:index/randomPassword:RandomPassword", "redis-credentials-first-api-key")
                .inputs().get("length"));
    }

    @Test
    void aHashInTheStackIsSeededAndNoKeyIsGenerated() {
        OfflineRun.Result run = InfraHarness.run("dev", config -> config.put("users-platform:secrets",
                "{\"rotationSchedule\":\"rate(7 days)\",\"recoveryWindowDays\":0,\"apiKeyHash\":\"" + OPERATOR_HASH + "\"}"));
        String stored = String.valueOf(named(run, VERSION, "redis-credentials-api-keys").inputs().get("secretString"));
        assertTrue(stored.lines().anyMatch(OPERATOR_HASH::equals), stored);
        assertFalse(run.outputs().containsKey("firstApiKey"));
        assertTrue(run.ofType("random:index/randomPassword:RandomPassword").stream()
                .noneMatch(p -> p.name().contains("api-key")));
    }

    private static String sha256Hex(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
