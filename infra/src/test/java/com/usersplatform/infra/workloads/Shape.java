package com.usersplatform.infra.workloads;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A small structural schema (the subset of OpenAPI v3 that CRDs use): objects with known fields and required fields,
 * arrays, constrained strings, free-form maps. Unknown fields and missing required fields fail.
 */
interface Shape {
    void check(String path, Object value);

    static Shape object(Map<String, Shape> fields, String... required) {
        return (path, value) -> {
            Map<?, ?> map = assertInstanceOf(Map.class, value, path + " must be an object");
            for (Object key : map.keySet()) {
                if (!fields.containsKey(String.valueOf(key))) {
                    fail(path + "." + key + ": unknown field (allowed: " + fields.keySet() + ")");
                }
            }
            for (String key : required) {
                assertTrue(map.containsKey(key), path + "." + key + ": required field missing");
            }
            fields.forEach((key, shape) -> {
                if (map.containsKey(key)) {
                    shape.check(path + "." + key, map.get(key));
                }
            });
        };
    }

    static Shape array(Shape items) {
        return (path, value) -> {
            List<?> list = assertInstanceOf(List.class, value, path + " must be an array");
            assertTrue(!list.isEmpty(), path + " must not be empty");
            for (int i = 0; i < list.size(); i++) {
                items.check(path + "[" + i + "]", list.get(i));
            }
        };
    }

    static Shape string() {
        return matching(".+");
    }

    static Shape matching(String regex) {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        return (path, value) -> {
            String text = assertInstanceOf(String.class, value, path + " must be a string");
            assertTrue(pattern.matcher(text).matches(), path + ": '" + text + "' does not match " + regex);
        };
    }

    static Shape oneOf(String... allowed) {
        Set<String> values = Set.of(allowed);
        return (path, value) -> assertTrue(values.contains(value), path + ": '" + value + "' not one of " + values);
    }

    /** Go duration as CRDs accept it, e.g. {@code 30s}, {@code 1m}, {@code 1h30m}. */
    static Shape duration() {
        return matching("(\\d+(ms|s|m|h))+");
    }

    static Shape stringMap() {
        return (path, value) -> {
            Map<?, ?> map = assertInstanceOf(Map.class, value, path + " must be an object");
            map.forEach((k, v) -> assertInstanceOf(String.class, v, path + "." + k + " must be a string"));
        };
    }

    static Shape anything() {
        return (path, value) -> { };
    }

    static Shape bool() {
        return (path, value) -> assertInstanceOf(Boolean.class, value, path + " must be a boolean");
    }
}
