package com.usersplatform.infra.json;

import com.google.gson.GsonBuilder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * JSON text with object keys sorted at every level, so documents built from {@code Map.of(...)} (whose iteration
 * order changes between JVM runs) render identically every time: Pulumi sees no spurious diff, and the offline plan
 * stays byte-identical.
 */
public final class StableJson {

    private StableJson() {
    }

    /** Compact JSON of maps, lists, strings, numbers and booleans. */
    public static String of(Object value) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(sorted(value, UnaryOperator.identity()));
    }

    /** A copy of a tree of maps and lists with every map's keys sorted and every other value passed through {@code leaf}. */
    public static Object sorted(Object value, UnaryOperator<Object> leaf) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v, leaf)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> sorted(v, leaf)).toList();
        }
        return leaf.apply(value);
    }
}
