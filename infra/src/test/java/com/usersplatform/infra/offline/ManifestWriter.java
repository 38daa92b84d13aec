package com.usersplatform.infra.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes every Kubernetes object the program registered as YAML, one object per file under {@code manifests/}:
 * {@code <kind>-<namespace>-<name>.yaml} (cluster-scoped objects omit the namespace). Helm releases are listed as
 * {@code helmrelease-<namespace>-<name>.yaml} with chart, version, repository and values (the charts' own objects are
 * rendered by Helm at deploy time). Keys are sorted (apiVersion, kind, metadata first) and integral numbers written
 * without a fraction, so the files are byte-identical between runs.
 */
public final class ManifestWriter {
    public static final String DIRECTORY = "manifests";
    static final String HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
    private static final List<String> LEADING_KEYS = List.of("apiVersion", "kind", "metadata");
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private ManifestWriter() {
    }

    /** File name to YAML text for every Kubernetes object and Helm release, sorted by file name. */
    public static SortedMap<String, String> render(List<RecordedResource> resources) {
        SortedMap<String, String> files = new TreeMap<>();
        for (RecordedResource resource : resources) {
            if (!resource.type().startsWith("kubernetes:")) {
                continue;
            }
            Map<String, Object> document = resource.type().equals(HELM_RELEASE_TYPE)
                    ? helmRelease(resource.inputs())
                    : object(resource.inputs());
            String file = fileName(document);
            if (files.putIfAbsent(file, toYaml(document)) != null) {
                throw new IllegalStateException("two Kubernetes objects render to " + file);
            }
        }
        return files;
    }

    /** Writes {@link #render} into {@code outDir/manifests/}, replacing stale YAML files, and returns the directory. */
    public static Path write(List<RecordedResource> resources, Path outDir) throws IOException {
        Path dir = outDir.resolve(DIRECTORY);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path stale : old.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.delete(stale);
            }
        }
        for (var entry : render(resources).entrySet()) {
            Files.writeString(dir.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static Map<String, Object> object(Map<String, Object> inputs) {
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> sorted = normalize(inputs);
        LEADING_KEYS.forEach(key -> {
            if (sorted.containsKey(key)) {
                document.put(key, sorted.remove(key));
            }
        });
        document.putAll(sorted);
        return document;
    }

    private static Map<String, Object> helmRelease(Map<String, Object> inputs) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "HelmRelease");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", inputs.get("name"));
        metadata.put("namespace", inputs.get("namespace"));
        document.put("metadata", metadata);
        document.put("chart", inputs.get("chart"));
        document.put("version", inputs.get("version"));
        // An OCI chart carries its registry in the chart reference and has no repository options.
        document.put("repository", inputs.get("repositoryOpts") instanceof Map<?, ?> opts ? opts.get("repo")
                : inputs.get("chart"));
        document.put("values", normalize(asMap(inputs.getOrDefault("values", Map.of()))));
        return document;
    }

    private static String fileName(Map<String, Object> document) {
        Map<?, ?> metadata = asMap(document.get("metadata"));
        List<String> parts = new ArrayList<>();
        parts.add(String.valueOf(document.get("kind")));
        if (metadata.get("namespace") != null) {
            parts.add(String.valueOf(metadata.get("namespace")));
        }
        parts.add(String.valueOf(metadata.get("name")));
        return String.join("-", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-") + ".yaml";
    }

    private static String toYaml(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sorted keys, no nulls, integral doubles (how the engine passes numbers) as longs. */
    @SuppressWarnings("unchecked")
    private static <T> T normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    sorted.put(String.valueOf(k), normalize(v));
                }
            });
            return (T) sorted;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(ManifestWriter::normalize).toList();
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return (T) Long.valueOf(d.longValue());
        }
        return (T) value;
    }

    private static Map<?, ?> asMap(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }
}
