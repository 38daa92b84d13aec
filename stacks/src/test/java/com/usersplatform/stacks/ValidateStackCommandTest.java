package com.usersplatform.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/validate-stack} (on this module's classes, so no nested build). */
class ValidateStackCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(String... files) throws IOException, InterruptedException {
        Path root = StackFiles.repositoryRoot();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/validate-stack").toString()));
        command.addAll(List.of(files));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("STACKS_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile("validate-stack", ".out");
        Path err = Files.createTempFile("validate-stack", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/validate-stack did not finish");
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void acceptsTheCommittedStacksAndRejectsABrokenCopyWithOneLinePerProblem() throws Exception {
        Result good = run("Pulumi.dev.yaml", "Pulumi.prod.yaml");
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals("Pulumi.dev.yaml: ok (stack dev)\nPulumi.prod.yaml: ok (stack prod, production)\n", good.stdout());
        assertTrue(good.stderr().lines().allMatch(line -> line.contains(": warning: ")), good.stderr());

        Path broken = dir.resolve("Pulumi.prod.yaml");
        String prod = Files.readString(StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml"));
        Files.writeString(broken, prod.replace("multiAz: true", "multiAz: false")
                .replace("azCount: 3", "azCount: 1")
                .replace("minReplicas: 3, maxReplicas: 12}\n    users:", "minReplicas: 13, maxReplicas: 12}\n    users:"));
        Result bad = run("Pulumi.dev.yaml", broken.toString());
        assertEquals(1, bad.exitCode());
        assertEquals("Pulumi.dev.yaml: ok (stack dev)\n", bad.stdout());
        assertEquals(List.of(
                broken + ": users-platform:network.azCount: must be at least 2 (EKS and a Multi-AZ cache need two AZs), got 1",
                broken + ": users-platform:cache.multiAz: must be true in production (a Multi-AZ cache survives the loss of an AZ)",
                broken + ": users-platform:workloads.gateway.autoscaling.minReplicas: min (13) must be <= max (12)"),
                bad.stderr().lines().filter(line -> !line.contains(": warning: ")).toList());
    }

    @Test
    void withoutFilesPrintsUsage() throws Exception {
        Result usage = run();
        assertEquals(2, usage.exitCode());
        assertTrue(usage.stderr().startsWith("usage: bin/validate-stack"), usage.stderr());
    }

    @Test
    void warnsAboutDocumentationValuesNamingTheKeyAndStillExitsZero() throws Exception {
        Result result = run("Pulumi.dev.yaml");
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().lines().anyMatch(line -> line.equals("Pulumi.dev.yaml: warning: users-platform:cluster"
                + ".endpointPublicAccessCidrs[0]: 203.0.113.0/24 is a documentation range (RFC 5737); no deploy machine"
                + " has such an address (fine in an example; bin/preflight refuses it)")), result.stderr());
        assertTrue(result.stderr().lines().anyMatch(line -> line.startsWith("Pulumi.dev.yaml: warning: users-platform:"
                + "cluster.adminPrincipalArns[0]: account 111122223333 is an AWS documentation example account")),
                result.stderr());
    }
}
