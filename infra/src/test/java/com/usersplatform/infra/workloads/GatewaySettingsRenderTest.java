package com.usersplatform.infra.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.usersplatform.infra.offline.StackFiles;
import com.usersplatform.stacks.GatewaySettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * No dead gateway setting: every field of the stack's {@code gateway} section, changed to another valid value,
 * changes the rendered manifests; and the stack's defaults are the gateway's own.
 */
class GatewaySettingsRenderTest {

    @Test
    void everyGatewayFieldReachesTheManifests() throws Exception {
        var baseline = KubernetesRuns.dev().files();
        for (RecordComponent field : GatewaySettings.class.getRecordComponents()) {
            Object current = field.getAccessor().invoke(GatewaySettings.DEFAULTS);
            // Every field is an integer today; one more stays within every bound (burst 100 >= rps 51, hops 2 <= 10).
            Object changed = switch (current) {
                case Integer i -> i + 1;
                default -> throw new AssertionError("give " + field.getName() + " (" + field.getType()
                        + ") another valid value here");
            };
            var run = KubernetesRuns.run("dev", Map.of("users-platform:gateway",
                    "{\"" + field.getName() + "\": " + changed + "}"));
            assertNotEquals(baseline, run.files(), "gateway." + field.getName() + " " + current + " -> " + changed
                    + " changed nothing in the render: wire it or remove it");
        }
    }

    /** Keys of the gateway's {@code application.yaml} that the stack's fields set (trusted hops differ: see below). */
    private static final Map<String, String> SERVICE_KEYS = Map.of(
            "rateLimitRps", "/rate/limit/rps",
            "rateLimitBurst", "/rate/limit/burst",
            "bodyLimitBytes", "/body/limit/bytes",
            "upstreamConnectTimeoutMs", "/upstream/connect/timeout/ms",
            "upstreamReadTimeoutMs", "/upstream/read/timeout/ms");

    @Test
    void stackDefaultsAreTheGatewaysOwn() throws Exception {
        JsonNode service = new ObjectMapper(new YAMLFactory()).readTree(StackFiles.repositoryRoot()
                .resolve("services/gateway/src/main/resources/application.yaml").toFile());
        for (RecordComponent field : GatewaySettings.class.getRecordComponents()) {
            Object stackDefault = field.getAccessor().invoke(GatewaySettings.DEFAULTS);
            if (field.getName().equals("trustedProxyHops")) {
                // Differs by design: the service alone serves direct clients (0); in the cluster the ALB is in front.
                assertEquals(0, service.at("/rate/limit/trusted/hops").asInt());
                assertEquals(1, stackDefault);
                continue;
            }
            String key = SERVICE_KEYS.get(field.getName());
            assertNotEquals(null, key, "map gateway." + field.getName() + " to the service's key");
            assertEquals(service.at(key).asInt(), stackDefault, "default of gateway." + field.getName()
                    + " vs the service's " + key);
        }
    }
}
