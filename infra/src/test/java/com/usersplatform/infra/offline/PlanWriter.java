package com.usersplatform.infra.offline;

import com.google.gson.GsonBuilder;
import com.pulumi.asset.AssetOrArchive;
import com.usersplatform.infra.json.StableJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code plan.json}: one {@code {"type","name","inputs","dependsOn"}} object per registered resource, sorted by
 * type then name, map keys sorted, {@code dependsOn} sorted, integral numbers without a fraction, so the file is byte-identical between runs and diffs
 * cleanly in a pull request.
 */
public final class PlanWriter {

    private PlanWriter() {
    }

    /** The plan as JSON text (ends with a newline). */
    public static String toJson(List<RecordedResource> resources) {
        List<Map<String, Object>> entries = new ArrayList<>();
        resources.stream()
                .sorted(Comparator.comparing(RecordedResource::type).thenComparing(RecordedResource::name))
                .forEach(r -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("type", r.type());
                    entry.put("name", r.name());
                    entry.put("inputs", StableJson.sorted(r.inputs(), PlanWriter::leaf));
                    entry.put("dependsOn", r.dependsOn());
                    entries.add(entry);
                });
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(entries) + "\n";
    }

    /** Writes {@code plan.json} into {@code outDir} (created when missing) and returns its path. */
    public static Path write(List<RecordedResource> resources, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path plan = outDir.resolve("plan.json");
        Files.writeString(plan, toJson(resources), StandardCharsets.UTF_8);
        return plan;
    }

    /** Integral numbers without a fraction ({@code 6379}, not {@code 6379.0}); archives as their path. */
    private static Object leaf(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof AssetOrArchive archive) {
            return Map.of(AssetOrArchive.AssetOrArchiveInternal.from(archive).getPropName(),
                    String.valueOf(AssetOrArchive.AssetOrArchiveInternal.from(archive).getValue()));
        }
        return value;
    }
}
