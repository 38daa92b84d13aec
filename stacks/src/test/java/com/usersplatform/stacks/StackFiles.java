package com.usersplatform.stacks;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: the repository root, and stack files written to a temporary directory. */
final class StackFiles {

    private StackFiles() {
    }

    /** The repository root (surefire runs in the module directory). */
    static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("Pulumi.yaml"))) {
            throw new IllegalStateException("no Pulumi.yaml in " + root);
        }
        return root;
    }

    /** Writes {@code Pulumi.<stack>.yaml} with the given lines under {@code config:}. */
    static Path write(Path dir, String stack, String... configLines) {
        StringBuilder yaml = new StringBuilder("config:\n");
        for (String line : configLines) {
            yaml.append("  ").append(line).append('\n');
        }
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems reported for a stack file that must be rejected. */
    static List<String> problems(Path file) {
        return assertThrows(StackConfigException.class, () -> StackConfigLoader.loadFile(file)).problems();
    }
}
