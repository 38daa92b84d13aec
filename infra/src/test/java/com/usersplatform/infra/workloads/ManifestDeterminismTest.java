package com.usersplatform.infra.workloads;

import com.usersplatform.infra.offline.ManifestWriter;
import com.usersplatform.infra.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rendered manifests are a pure function of the stack: byte-identical between runs, in any input order. */
class ManifestDeterminismTest {

    @Test
    void twoRunsOfTheProgramRenderIdenticalFiles() {
        var first = KubernetesRuns.prod();
        var second = KubernetesRuns.run("prod", Map.of());
        assertEquals(first.files(), second.files());
    }

    @Test
    void outputDoesNotDependOnRegistrationOrMapOrder() {
        var resources = KubernetesRuns.dev().result().resources();
        List<RecordedResource> shuffled = new ArrayList<>(resources.stream()
                .map(r -> new RecordedResource(r.type(), r.name(), reversed(r.inputs()), r.provider())).toList());
        Collections.reverse(shuffled);
        assertEquals(ManifestWriter.render(resources), ManifestWriter.render(shuffled));
    }

    @Test
    void writesOneFilePerObjectAndRemovesStaleOnes(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        var run = KubernetesRuns.dev();
        Path dir = out.resolve(ManifestWriter.DIRECTORY);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("deployment-users-platform-removed.yaml"), "stale");
        ManifestWriter.write(run.result().resources(), out);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(run.files().keySet(), new java.util.TreeSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
        for (var entry : run.files().entrySet()) {
            assertEquals(entry.getValue(), Files.readString(dir.resolve(entry.getKey())));
            assertTrue(entry.getKey().matches("[a-z0-9.-]+\\.yaml"), entry.getKey());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T reversed(T value) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.reverse(entries);
            Map<Object, Object> copy = new LinkedHashMap<>();
            entries.forEach(e -> copy.put(e.getKey(), reversed(e.getValue())));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(ManifestDeterminismTest::reversed).toList();
        }
        return value;
    }
}
