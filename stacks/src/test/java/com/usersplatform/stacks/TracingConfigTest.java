package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracing switch and sampling ratio of a stack: defaulted, bounded, and on in production. */
class TracingConfigTest {

    @TempDir
    Path dir;

    @Test
    void rejectsARatioOutsideZeroToOne() {
        List<String> problems = problems(write(dir, "ratio",
                "users-platform:observability: {tracing: {samplingRatio: 1.5}}"));
        assertEquals(List.of("users-platform:observability.tracing.samplingRatio: must be between 0 and 1, got 1.5"),
                problems);
    }

    @Test
    void productionNeedsTracingOnWithARatioAboveZero() {
        for (String tracing : List.of("{enabled: false}", "{samplingRatio: 0}")) {
            List<String> problems = problems(write(dir, "prodtracing", "users-platform:production: true",
                    "users-platform:observability: {tracing: " + tracing + "}"));
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("users-platform:observability.tracing: ")
                    && p.contains("in production")), tracing + ": " + problems);
        }
    }

    @Test
    void defaultsTraceFivePercentAndTheProdStackSetsItsOwnRatio() {
        assertEquals(new TracingConfig(true, 0.05), StackConfig.DEFAULTS.observability().tracing());
        StackConfig prod = StackConfigLoader.loadFile(StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml"));
        assertTrue(prod.observability().tracing().enabled());
        assertEquals(0.1, prod.observability().tracing().samplingRatio());
    }
}
