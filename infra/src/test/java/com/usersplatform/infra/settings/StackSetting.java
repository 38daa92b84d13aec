package com.usersplatform.infra.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigLoader;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One leaf setting of {@link StackConfig}: a component that is not itself a record, reached from the root through
 * nested records ({@code cluster.minNodes}, {@code workloads.gateway.image.tag}). Knows its config key and how to write
 * a value for it into the engine-shaped config (keys to strings, sections as JSON text).
 *
 * @param path component names from the root, e.g. {@code [workloads, gateway, image, tag]}
 * @param type the leaf's generic type ({@code int}, {@code Optional<String>}, {@code List<CapacityType>}, ...)
 */
record StackSetting(List<String> path, Type type) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every leaf of the stack model, in declaration order; {@code stack} (the stack's name) is not a setting. */
    static List<StackSetting> all() {
        List<StackSetting> leaves = new ArrayList<>();
        for (RecordComponent component : StackConfig.class.getRecordComponents()) {
            if (!component.getName().equals("stack")) {
                collect(component, List.of(), leaves);
            }
        }
        return leaves;
    }

    private static void collect(RecordComponent component, List<String> parent, List<StackSetting> leaves) {
        List<String> path = new ArrayList<>(parent);
        path.add(component.getName());
        if (component.getType().isRecord()) {
            for (RecordComponent child : component.getType().getRecordComponents()) {
                collect(child, path, leaves);
            }
        } else {
            leaves.add(new StackSetting(List.copyOf(path), component.getGenericType()));
        }
    }

    /** The dotted name used in docs/stacks.md and in test messages, e.g. {@code cluster.minNodes}. */
    String name() {
        return String.join(".", path);
    }

    /** The engine config key holding this setting: {@code aws:region} or {@code users-platform:<first step>}. */
    String configKey() {
        return path.getFirst().equals("awsRegion") ? StackConfigLoader.AWS_REGION_KEY
                : StackConfig.PROJECT + ":" + path.getFirst();
    }

    /** This setting's value in a loaded stack. */
    Object valueIn(StackConfig stack) {
        Object current = stack;
        for (String step : path) {
            current = read(current, step);
        }
        return current;
    }

    /**
     * A copy of the engine config with this setting set to {@code value} (a missing node removes it, so it takes
     * its default) and everything else as it was.
     */
    Map<String, String> writtenInto(Map<String, String> config, JsonNode value) {
        Map<String, String> changed = new java.util.TreeMap<>(config);
        if (path.size() == 1) {
            if (value.isMissingNode()) {
                changed.remove(configKey());
            } else {
                changed.put(configKey(), value.isTextual() ? value.asText() : value.toString());
            }
            return changed;
        }
        ObjectNode section = parseSection(config.get(configKey()));
        ObjectNode parent = section;
        for (String step : path.subList(1, path.size() - 1)) {
            parent = parent.has(step) ? (ObjectNode) parent.get(step) : parent.putObject(step);
        }
        if (value.isMissingNode()) {
            parent.remove(path.getLast());
        } else {
            parent.set(path.getLast(), value);
        }
        changed.put(configKey(), section.toString());
        return changed;
    }

    private static ObjectNode parseSection(String text) {
        if (text == null) {
            return JSON.createObjectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("section is not JSON: " + text, e);
        }
    }

    private static Object read(Object record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }
}
