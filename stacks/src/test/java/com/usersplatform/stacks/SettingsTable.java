package com.usersplatform.stacks;

import com.usersplatform.contract.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Generates the settings tables of docs/stacks.md from the record types: key and type by reflection, default from
 * {@link StackConfig#DEFAULTS}, meaning from each record's {@code @param} Javadoc. Fails on an undocumented field.
 */
final class SettingsTable {

    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=@param|$)", Pattern.DOTALL);

    private final Path sources;

    SettingsTable(Path sources) {
        this.sources = sources;
    }

    /** One table of the top-level keys, then one per section. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        Map<String, String> meanings = javadoc(StackConfig.class);
        out.append("**Top-level keys**\n\n").append(header());
        for (RecordComponent component : StackConfig.class.getRecordComponents()) {
            String name = component.getName();
            if (name.equals("stack") || component.getType().isRecord()) {
                continue;
            }
            String key = name.equals("awsRegion") ? StackConfigLoader.AWS_REGION_KEY : StackConfig.PROJECT + ":" + name;
            out.append(row(key, component.getGenericType(), read(component, StackConfig.DEFAULTS), meanings.get(name)));
        }
        for (RecordComponent component : StackConfig.class.getRecordComponents()) {
            if (component.getType().isRecord()) {
                out.append("\n**`").append(StackConfig.PROJECT).append(':').append(component.getName())
                        .append("`** — ").append(meanings.get(component.getName())).append("\n\n").append(header());
                leaves(component.getType(), read(component, StackConfig.DEFAULTS), "", out);
            }
        }
        return out.toString();
    }

    private void leaves(Class<?> type, Object defaults, String prefix, StringBuilder out) {
        Map<String, String> meanings = javadoc(type);
        for (RecordComponent component : type.getRecordComponents()) {
            Object value = read(component, defaults);
            String key = prefix + component.getName();
            if (component.getType().isRecord()) {
                leaves(component.getType(), value, key + ".", out);
            } else {
                out.append(row(key, component.getGenericType(), value,
                        meanings.get(component.getName()) + serviceSetting(type, component.getName())));
            }
        }
    }

    /** For a field handed to a service setting: its bounds and environment variable, from the contract. */
    private static String serviceSetting(Class<?> type, String field) {
        Setting setting = type == GatewaySettings.class ? GatewaySettings.SERVICE_SETTINGS.get(field) : null;
        return setting == null ? "" : "; " + setting.range() + " (`" + setting.env() + "`)";
    }

    private static String header() {
        return "| key | type | default | meaning |\n|---|---|---|---|\n";
    }

    private static String row(String key, Type type, Object defaultValue, String meaning) {
        return "| `" + key + "` | " + typeName(type) + " | " + defaultText(defaultValue) + " | " + meaning + " |\n";
    }

    private static String typeName(Type type) {
        Class<?> raw = TreeBinder.rawClass(type);
        if (raw == Optional.class || raw == List.class || raw == Map.class) {
            Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
            String element = typeName(arguments[arguments.length - 1]);
            String elements = element.equals("string") ? "strings" : element;
            return raw == Optional.class ? element + ", optional" : (raw == List.class ? "list of " : "map of ") + elements;
        }
        if (raw.isEnum()) {
            return Arrays.stream(raw.getEnumConstants())
                    .map(c -> "`" + ((ConfigEnum) c).configValue() + "`").collect(Collectors.joining(" \\| "));
        }
        return switch (raw.getSimpleName()) {
            case "int", "Integer" -> "integer";
            case "double", "Double" -> "number";
            default -> raw.getSimpleName().toLowerCase();
        };
    }

    private static String defaultText(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(SettingsTable::defaultText).orElse("unset");
        }
        String text = switch (value) {
            case ConfigEnum e -> e.configValue();
            case List<?> list -> list.stream().map(v -> v instanceof ConfigEnum e ? e.configValue() : String.valueOf(v))
                    .collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> new java.util.TreeMap<>(map).entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
            case String s when s.isEmpty() -> "\"\"";
            default -> String.valueOf(value);
        };
        return "`" + text + "`";
    }

    /** The {@code @param} texts of the record's Javadoc, Markdown-ready; every component must have one. */
    private Map<String, String> javadoc(Class<?> type) {
        Path file = sources.resolve(type.getName().replace('.', '/') + ".java");
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher doc = Pattern.compile("/\\*\\*(.*?)\\*/\\s*public record " + type.getSimpleName() + "\\b",
                Pattern.DOTALL).matcher(source);
        if (!doc.find()) {
            throw new IllegalStateException(type.getSimpleName() + " has no Javadoc");
        }
        String body = doc.group(1).replaceAll("(?m)^\\s*\\*", " ");
        Map<String, String> meanings = new LinkedHashMap<>();
        Matcher param = PARAM.matcher(body);
        while (param.find()) {
            meanings.put(param.group(1), markdown(param.group(2)));
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String meaning = meanings.get(component.getName());
            if (meaning == null || meaning.isBlank()) {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName()
                        + " has no @param Javadoc (its meaning goes into docs/stacks.md)");
            }
        }
        return meanings;
    }

    private static String markdown(String javadoc) {
        return javadoc.strip().replaceAll("\\s+", " ")
                .replaceAll("\\{@code ([^}]*)}", "`$1`")
                .replaceAll("\\{@link (?:\\w+)?#?(\\w+)(?:\\(\\))?}", "`$1`")
                .replace("|", "\\|");
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
