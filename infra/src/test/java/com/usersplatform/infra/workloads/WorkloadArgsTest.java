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
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return required().image(WorkloadArgs.pinnedImage("users", Output.of(repository), image)).build();
    }

    /** Every required field but the image. */
    private static WorkloadArgsBuilder required() {
        return WorkloadArgs.builder().name("users").namespace(Output.of("ns")).port(3001).resources(RESOURCES)
                .autoscaling(SCALING).config(Output.of(Map.of())).lifecycle(LIFECYCLE);
    }

    @Test
    void builderNamesTheMissingFieldAndLeavesTheSecretFileOut() {
        var noImage = assertThrows(NullPointerException.class, () -> required().build());
        assertEquals("image is required", noImage.getMessage());
        var noPort = assertThrows(NullPointerException.class,
                () -> required().image(Output.of("registry:5000/users:1")).port(null).build());
        assertEquals("port is required", noPort.getMessage());

        assertEquals(Optional.empty(), withImage("registry:5000/users", "1.4.2").secretFile());
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
