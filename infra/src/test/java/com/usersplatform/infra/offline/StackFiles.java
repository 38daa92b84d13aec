package com.usersplatform.infra.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a committed {@code Pulumi.<stack>.yaml} into the config map the Pulumi engine would hand the program: full
 * keys ({@code users-platform:cluster}, {@code aws:region}) to strings, structured values as JSON text.
 */
public final class StackFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StackFiles() {
    }

    /** {@code Pulumi.<stack>.yaml} in the repository root {@code root}. */
    public static Path stackFile(Path root, String stack) {
        return root.resolve("Pulumi." + stack + ".yaml");
    }

    /** The repository root: the nearest directory at or above the working directory holding {@code Pulumi.yaml}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("Pulumi.yaml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Pulumi.yaml at or above " + dir);
    }

    /** The engine-shaped config of a stack file, sorted by key. */
    public static Map<String, String> engineConfig(Path stackFile) {
        try {
            JsonNode config = new YAMLMapper().readTree(stackFile.toFile()).path("config");
            Map<String, String> engine = new TreeMap<>();
            config.properties().forEach(e -> engine.put(e.getKey(), engineValue(e.getValue())));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stackFile, e);
        }
    }

    private static String engineValue(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
