package com.usersplatform.infra.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.usersplatform.infra.App;
import com.usersplatform.infra.offline.ManifestWriter;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.StackFiles;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixture: runs the real program on the committed dev and prod stack files under the offline engine (once per
 * JVM each) and exposes the recorded resources and the rendered manifests.
 */
public final class KubernetesRuns {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private KubernetesRuns() {
    }

    /** One program run: what was registered and what {@code bin/render} would write. */
    public record Run(StackConfig stack, OfflineRun.Result result, SortedMap<String, String> files) {
        /** Every rendered document parsed back from YAML, by file name. */
        public Map<String, Map<String, Object>> documents() {
            var docs = new java.util.TreeMap<String, Map<String, Object>>();
            files.forEach((file, yaml) -> docs.put(file, parse(yaml)));
            return docs;
        }

        /** The parsed document of {@code <kind>-<namespace>-<name>.yaml}. */
        public Map<String, Object> document(String kind, String namespace, String name) {
            String file = (kind + "-" + namespace + "-" + name + ".yaml").toLowerCase();
            if (!files.containsKey(file)) {
                throw new AssertionError("no manifest " + file + " in " + files.keySet());
            }
            return parse(files.get(file));
        }

        /** Parsed documents of one kind. */
        public List<Map<String, Object>> ofKind(String kind) {
            return documents().values().stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }
    }

    /** The dev stack as committed ({@code Pulumi.dev.yaml}). */
    public static Run dev() {
        return RUNS.computeIfAbsent("dev", s -> run("dev", Map.of()));
    }

    /** The prod stack as committed ({@code Pulumi.prod.yaml}). */
    public static Run prod() {
        return RUNS.computeIfAbsent("prod", s -> run("prod", Map.of()));
    }

    /** The dev stack with the monitoring stack switched off. */
    public static Run devWithoutMonitoring() {
        return RUNS.computeIfAbsent("dev-no-monitoring",
                s -> run("dev", Map.of("users-platform:observability", "{\"monitoringStack\": false}")));
    }

    /** The dev stack with tracing switched off. */
    public static Run devWithoutTracing() {
        return RUNS.computeIfAbsent("dev-no-tracing",
                s -> run("dev", Map.of("users-platform:observability", "{\"tracing\": {\"enabled\": false}}")));
    }

    public static List<Run> both() {
        return List.of(dev(), prod());
    }

    /** Runs the real program ({@link App#program}) on a committed stack file, with {@code overrides} on top. */
    static Run run(String stackName, Map<String, String> overrides) {
        Map<String, String> config = new TreeMap<>(
                StackFiles.engineConfig(StackFiles.stackFile(StackFiles.repositoryRoot(), stackName)));
        config.putAll(overrides);
        StackConfig stack = StackConfigLoader.fromPulumiConfig(stackName, config);
        OfflineRun.Result result = OfflineRun.run(stackName, config, Set.of(), App::program, OfflineRun.DEFAULT_TIMEOUT);
        return new Run(stack, result, ManifestWriter.render(result.resources()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        try {
            return YAML.readValue(yaml, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
