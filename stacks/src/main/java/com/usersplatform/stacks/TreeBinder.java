package com.usersplatform.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Binds a JSON/YAML tree onto the stack records, strictly: unknown keys and wrong types are problems, absent keys
 * take the default. Reports every problem instead of stopping at the first; a value that cannot be read keeps its
 * default so the rest of the tree is still checked.
 */
final class TreeBinder {

    private final Problems problems;
    private final UnaryOperator<String> topLevelPath;

    /** {@code topLevelPath} names the root record's components, e.g. {@code network -> users-platform:network}. */
    TreeBinder(Problems problems, UnaryOperator<String> topLevelPath) {
        this.problems = problems;
        this.topLevelPath = topLevelPath;
    }

    /** Binds the root record; {@code defaults} supplies every absent value. */
    <T extends Record> T bindRoot(Class<T> type, JsonNode node, T defaults) {
        return type.cast(bindRecord(type, node, defaults, ""));
    }

    private Object bind(Type type, JsonNode node, Object fallback, String path) {
        if (node == null || node.isMissingNode()) {
            return fallback;
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord() && !isSecureValue(node)) {
            return bindRecord(raw, node, fallback, path);
        }
        if (raw == Map.class && fallback instanceof Map<?, ?> defaults && !defaults.isEmpty()) {
            // Maps are merged over their defaults (a stack overrides one engine parameter, keeps the others).
            Optional<Object> bound = bindPresent(type, node, path);
            if (bound.isEmpty()) {
                return fallback;
            }
            Map<Object, Object> merged = new LinkedHashMap<>(defaults);
            merged.putAll((Map<?, ?>) bound.get());
            return Map.copyOf(merged);
        }
        if (raw == Optional.class) {
            if (node.isNull()) {
                return Optional.empty();
            }
            Optional<Object> value = bindPresent(typeArgument(type, 0), node, path);
            return value.isPresent() ? value : fallback;
        }
        return bindPresent(type, node, path).orElse(fallback);
    }

    private Optional<Object> bindPresent(Type type, JsonNode node, String path) {
        Class<?> raw = rawClass(type);
        if (isSecureValue(node)) {
            return fail(path, "must not be a secret (secure:): this setting is plain configuration");
        }
        if (raw == String.class) {
            return node.isTextual() ? Optional.of(node.textValue()) : expected(path, "a string", node);
        }
        if (raw == int.class || raw == Integer.class) {
            return node.isIntegralNumber() && node.canConvertToInt()
                    ? Optional.of(node.intValue()) : expected(path, "a whole number", node);
        }
        if (raw == double.class || raw == Double.class) {
            return node.isNumber() ? Optional.of(node.doubleValue()) : expected(path, "a number", node);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return node.isBoolean() ? Optional.of(node.booleanValue()) : expected(path, "true or false", node);
        }
        if (raw.isEnum() && ConfigEnum.class.isAssignableFrom(raw)) {
            return bindEnum(raw, node, path);
        }
        if (raw == List.class) {
            return bindList(typeArgument(type, 0), node, path);
        }
        if (raw == Map.class) {
            return bindMap(typeArgument(type, 1), node, path);
        }
        if (raw.isRecord()) {
            return Optional.ofNullable(bindRecord(raw, node, null, path));
        }
        throw new IllegalStateException("unsupported config type " + type + " at " + path);
    }

    private Object bindRecord(Class<?> type, JsonNode node, Object defaults, String path) {
        if (!node.isObject()) {
            return expected(path, "a section (key: value pairs)", node).orElse(defaults);
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!names.contains(key)) {
                problems.unknownKey(child(path, key), "unknown key" + suggestion(key, names));
            }
        }
        Object[] values = new Object[components.length];
        boolean complete = true;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String childPath = child(path, component.getName());
            Object fallback = defaults == null ? null : read(component, defaults);
            JsonNode childNode = node.get(component.getName());
            if (childNode == null && fallback == null) {
                problems.unreadable(childPath, "is required");
            }
            values[i] = bind(component.getGenericType(), childNode, fallback, childPath);
            complete &= values[i] != null;
        }
        if (!complete) {
            return defaults;
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private Optional<Object> bindEnum(Class<?> type, JsonNode node, String path) {
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(constant -> ((ConfigEnum) constant).configValue()).toList();
        if (node.isTextual()) {
            for (Object constant : type.getEnumConstants()) {
                if (((ConfigEnum) constant).configValue().equals(node.textValue())) {
                    return Optional.of(constant);
                }
            }
        }
        return fail(path, "must be one of " + String.join(", ", allowed) + ", got " + describe(node));
    }

    private Optional<Object> bindList(Type elementType, JsonNode node, String path) {
        if (!node.isArray()) {
            return expected(path, "a list", node);
        }
        List<Object> list = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < node.size(); i++) {
            Optional<Object> element = bindPresent(elementType, node.get(i), path + "[" + i + "]");
            complete &= element.isPresent();
            element.ifPresent(list::add);
        }
        return complete ? Optional.of(List.copyOf(list)) : Optional.empty();
    }

    private Optional<Object> bindMap(Type valueType, JsonNode node, String path) {
        if (!node.isObject()) {
            return expected(path, "a map (key: value pairs)", node);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        boolean complete = true;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Optional<Object> value = bindPresent(valueType, entry.getValue(), child(path, entry.getKey()));
            complete &= value.isPresent();
            value.ifPresent(v -> map.put(entry.getKey(), v));
        }
        return complete ? Optional.of(map) : Optional.empty();
    }

    private Optional<Object> expected(String path, String what, JsonNode node) {
        return fail(path, "expected " + what + ", got " + describe(node));
    }

    private Optional<Object> fail(String path, String message) {
        problems.unreadable(path, message);
        return Optional.empty();
    }

    private String child(String path, String name) {
        return path.isEmpty() ? topLevelPath.apply(name) : path + "." + name;
    }

    /** A Pulumi secret as it appears in a stack file: {@code {secure: <ciphertext>}}. */
    static boolean isSecureValue(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("secure");
    }

    /** The node's type and, for scalars, its (shortened, escaped) value, e.g. {@code a string "five"}. */
    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "nothing (null)";
        }
        if (node.isObject()) {
            return "a section";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        String kind = node.isTextual() ? "a string" : node.isBoolean() ? "a boolean" : "a number";
        return kind + " " + shown;
    }

    private static String suggestion(String key, List<String> names) {
        String close = names.stream()
                .filter(name -> name.equalsIgnoreCase(key) || editDistance(name.toLowerCase(), key.toLowerCase()) <= 2)
                .collect(Collectors.joining(" or "));
        return close.isEmpty() ? " (known keys: " + String.join(", ", names) + ")" : " (did you mean " + close + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
