package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Karpenter's settings are defaulted, and a bad value is refused at its key. */
class NodeAutoscalingRulesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreOnWithOnDemandAndALimit() {
        var scaling = StackConfig.DEFAULTS.nodeAutoscaling();
        assertTrue(scaling.enabled());
        assertEquals(List.of(CapacityType.ON_DEMAND), scaling.capacityTypes());
        assertEquals(32, scaling.cpuLimit());
    }

    @Test
    void badValuesAreRefusedAtTheirKeys() {
        List<String> refused = problems(write(dir, "bad", "users-platform:nodeAutoscaling: {instanceCategories: [],"
                + " capacityTypes: [spot, spot], cpuLimit: 0, memoryLimitGib: 0, consolidationPolicy: Never,"
                + " consolidateAfterSeconds: -1}"));
        for (String key : List.of("instanceCategories", "capacityTypes", "cpuLimit", "memoryLimitGib",
                "consolidationPolicy", "consolidateAfterSeconds")) {
            assertTrue(refused.stream().anyMatch(p -> p.startsWith("users-platform:nodeAutoscaling." + key + ":")),
                    key + " not refused: " + refused);
        }
    }

    @Test
    void anUnknownCapacityTypeIsRefused() {
        List<String> refused = problems(write(dir, "odd", "users-platform:nodeAutoscaling: {capacityTypes: [reserved]}"));
        assertTrue(refused.stream().anyMatch(p -> p.contains("nodeAutoscaling.capacityTypes")), refused.toString());
    }
}
