package com.usersplatform.infra.workloads;

import com.usersplatform.stacks.GatewaySettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * No dead gateway setting: every field of the stack's {@code gateway} section, changed to another valid value,
 * changes the rendered manifests.
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
}
