package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.usersplatform.stacks.AutoscalingConfig;
import com.usersplatform.stacks.ComputeResources;
import com.usersplatform.stacks.ImageConfig;
import com.usersplatform.stacks.ResourcesConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workload component refuses unsafe inputs by itself, whatever the caller validated before. */
class WorkloadArgsTest {
    private static final ResourcesConfig RESOURCES =
            new ResourcesConfig(new ComputeResources("250m", "384Mi"), new ComputeResources("1", "512Mi"));
    private static final AutoscalingConfig SCALING = new AutoscalingConfig(2, 6, 70, 80, 300);
    private static final WorkloadArgs.Lifecycle LIFECYCLE = new WorkloadArgs.Lifecycle(10, 45);

    private static WorkloadArgs withImage(String repository, String tag) {
        return withImage(repository, new ImageConfig(Optional.empty(), tag));
    }

    private static WorkloadArgs withImage(String repository, ImageConfig image) {
        return new WorkloadArgs("users", Output.of("ns"), WorkloadArgs.pinnedImage("users", Output.of(repository), image),
                3001, RESOURCES, SCALING, Output.of(Map.of()), null, LIFECYCLE);
    }

    @Test
    void imagesMustCarryAPinnedTagOrDigest() {
        assertDoesNotThrow(() -> withImage("ghcr.io/users-platform/users", "1.4.2"));
        assertDoesNotThrow(() -> withImage("registry:5000/users",
                new ImageConfig(Optional.empty(), "1.4.2", Optional.of("sha256:" + "a".repeat(64)))));
        for (String bad : new String[] {"latest", "", " "}) {
            var error = assertThrows(IllegalArgumentException.class, () -> withImage("registry:5000/users", bad),
                    String.valueOf(bad));
            assertTrue(error.getMessage().startsWith("users.image"), error.getMessage());
        }
    }

    @Test
    void shutdownTimingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new WorkloadArgs.Lifecycle(30, 30));
    }
}
