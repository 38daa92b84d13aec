package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The values the model derives for the Pulumi program, and the validate-stack entry point in-process. */
class StackModelTest {

    @TempDir
    Path dir;

    @Test
    void derivesWhatTheProgramUsesFromAStackFile() {
        StackConfig config = StackConfigLoader.loadFile(write(dir, "derive",
                "users-platform:owner: team-a",
                "users-platform:tags: {env: qa}",
                "users-platform:cluster: {nodeInstanceTypes: [m7g.large], capacityType: spot, "
                        + "endpointPublicAccessCidrs: [203.0.113.0/24]}",
                "users-platform:cache: {engine: redis, engineVersion: '7.1', replicas: 2}",
                "users-platform:secrets: {rotationWindowHours: 3}",
                "users-platform:workloads: {users: {image: {repository: ghcr.io/acme/users, tag: '1.4.2'}}}"));
        assertEquals("arm64", config.cluster().cpuArchitecture());
        assertTrue(config.cluster().publicEndpoint());
        assertEquals("SPOT", config.cluster().capacityType().eksValue());
        assertEquals(3, config.cache().nodeCount());
        assertEquals("redis7", config.cache().parameterGroupFamily());
        assertEquals("3h", config.secrets().rotationWindow());
        assertEquals(Map.of("env", "qa", "owner", "team-a", "project", "users-platform", "stack", "derive"),
                config.resourceTags());
        assertEquals(List.of("env", "owner", "project", "stack"), List.copyOf(config.resourceTags().keySet()));
    }

    @Test
    void defaultsAreX86WithoutAPublicEndpoint() {
        StackConfig config = StackConfigLoader.loadFile(write(dir, "plain", "users-platform:owner: team-a"));
        assertEquals("x86_64", config.cluster().cpuArchitecture());
        assertFalse(config.cluster().publicEndpoint());
        assertEquals("ON_DEMAND", config.cluster().capacityType().eksValue());
        assertEquals(1, config.cache().nodeCount());
        assertEquals("valkey8", config.cache().parameterGroupFamily());
    }

    @Test
    void validateStackPrintsOkPerFileProblemsOnStderrAndItsExitStatus() {
        Path good = write(dir, "good", "users-platform:production: false");
        Path bad = write(dir, "bad", "users-platform:network: {azCount: 1}");
        Output ok = run(good.toString());
        assertEquals(0, ok.status);
        assertEquals(good + ": ok (stack good)\n", ok.out);
        assertEquals("", ok.err);

        Output failed = run(good.toString(), bad.toString());
        assertEquals(1, failed.status);
        assertEquals(good + ": ok (stack good)\n", failed.out);
        assertTrue(failed.err.startsWith(bad + ": users-platform:network.azCount: must be at least 2"), failed.err);

        Output usage = run();
        assertEquals(2, usage.status);
        assertEquals("usage: bin/validate-stack Pulumi.<stack>.yaml...\n", usage.err);
    }

    @Test
    void validateStackNamesProductionStacks() throws Exception {
        Path prod = StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml");
        assertEquals(prod + ": ok (stack prod, production)\n", run(prod.toString()).out);
    }

    private record Output(int status, String out, String err) {
    }

    private static Output run(String... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ValidateStack.run(files, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
