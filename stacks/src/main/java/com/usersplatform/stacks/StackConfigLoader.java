package com.usersplatform.stacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a {@link StackConfig} from a stack file ({@code bin/validate-stack}) or from the config the Pulumi engine
 * hands the program ({@code infra}'s {@code App}). Both first reduce their input to the same map of config key to
 * value tree, then share one code path (binding, defaults, validation), so the command and {@code pulumi up}
 * cannot disagree. Every problem is reported at once in a {@link StackConfigException}.
 */
public final class StackConfigLoader {

    /** The AWS provider's region key, read into {@link StackConfig#awsRegion()}. */
    public static final String AWS_REGION_KEY = "aws:region";

    private static final String PREFIX = StackConfig.PROJECT + ":";
    /** A key given twice is a mistake (the last one would silently win). */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper YAML =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Top-level keys Pulumi itself writes into stack files. */
    private static final Set<String> STACK_FILE_KEYS =
            Set.of("config", "encryptionsalt", "secretsprovider", "encryptedkey", "environment");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.(.+)\\.ya?ml");
    /** Components of {@link StackConfig} that are config keys {@code users-platform:<name>}. */
    private static final Map<String, Class<?>> SECTIONS = Arrays.stream(StackConfig.class.getRecordComponents())
            .filter(c -> !c.getName().equals("stack") && !c.getName().equals("awsRegion"))
            .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getType,
                    (a, b) -> a, LinkedHashMap::new));

    private StackConfigLoader() {
    }

    /**
     * Every config key the model reads: {@code aws:region} and {@code users-platform:<section>} for each section.
     * A program that can only look keys up one by one asks for exactly these.
     */
    public static List<String> configKeys() {
        return Stream.concat(Stream.of(AWS_REGION_KEY), SECTIONS.keySet().stream().map(s -> PREFIX + s)).toList();
    }

    /** Reads {@code Pulumi.<stack>.yaml}; the stack name comes from the file name. */
    public static StackConfig loadFile(Path file) {
        String source = file.toString();
        Problems problems = new Problems();
        JsonNode document;
        try {
            document = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new StackConfigException(source, List.of("(yaml): not valid YAML: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new StackConfigException(source, List.of("(file): cannot read: " + e.getMessage()));
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
            if (!document.isObject()) {
                throw new StackConfigException(source, List.of("(yaml): expected key: value pairs at the top"));
            }
            document.fieldNames().forEachRemaining(key -> {
                if (!STACK_FILE_KEYS.contains(key)) {
                    problems.unknownKey(key, "unknown key (a stack file holds " + String.join(", ", STACK_FILE_KEYS) + ")");
                }
            });
            JsonNode config = document.path("config");
            if (config.isObject()) {
                config.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
            } else if (!config.isMissingNode() && !config.isNull()) {
                problems.unreadable("config", "expected config keys, got " + TreeBinder.describe(config));
            }
        }
        return bind(source, stackName(file), entries, Set.of(), problems);
    }

    /**
     * Reads the config as the Pulumi engine gives it to a program: full keys ({@code users-platform:network},
     * {@code aws:region}) to strings, structured values as JSON text.
     *
     * @param secretKeys keys the engine marks as secret (none of the model's settings may be)
     */
    public static StackConfig fromPulumiConfig(String stack, Map<String, String> config, Set<String> secretKeys) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        config.forEach((key, text) -> entries.put(key, parseEngineValue(text)));
        return bind("stack " + stack, stack, entries, secretKeys, new Problems());
    }

    /** {@link #fromPulumiConfig(String, Map, Set)} without secret keys. */
    public static StackConfig fromPulumiConfig(String stack, Map<String, String> config) {
        return fromPulumiConfig(stack, config, Set.of());
    }

    /**
     * For a program that looks keys up one at a time, e.g. {@code key -> ctx.config(namespace).get(name)}: asks for
     * each of {@link #configKeys()}. Unknown keys cannot be seen this way; {@code bin/validate-stack} reports them.
     */
    public static StackConfig fromPulumiConfig(String stack, Function<String, Optional<String>> lookup) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String key : configKeys()) {
            lookup.apply(key).ifPresent(value -> config.put(key, value));
        }
        return fromPulumiConfig(stack, config, Set.of());
    }

    /** {@code Pulumi.dev.yaml -> dev}; any other file name without its extension. */
    static String stackName(Path file) {
        String name = file.getFileName().toString();
        var matcher = STACK_FILE.matcher(name);
        if (matcher.matches()) {
            return matcher.group(1);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The one code path after the raw tree is obtained. */
    private static StackConfig bind(String source, String stack, Map<String, JsonNode> entries,
                                    Set<String> secretKeys, Problems problems) {
        if (!STACK_NAME.matcher(stack).matches()) {
            problems.unreadable("(stack)", "stack name " + TreeBinder.describe(TextNode.valueOf(stack))
                    + " may only hold letters, digits, _, . and -");
        }
        ObjectNode root = JSON.createObjectNode();
        entries.forEach((key, value) -> {
            if (secretKeys.contains(key)) {
                problems.unreadable(key, "must not be a secret (secure:): this setting is plain configuration");
            } else if (key.equals(AWS_REGION_KEY)) {
                root.set("awsRegion", normalizeTopLevel(value, String.class));
            } else if (key.startsWith(PREFIX)) {
                String section = key.substring(PREFIX.length());
                if (SECTIONS.containsKey(section)) {
                    root.set(section, normalizeTopLevel(value, SECTIONS.get(section)));
                } else {
                    problems.unknownKey(key, "unknown key (known: " + String.join(", ", SECTIONS.keySet()) + ")");
                }
            } else if (!key.contains(":")) {
                problems.unreadable(key, "config keys need a namespace, e.g. " + PREFIX + key);
            }
            // Other namespaces (aws:profile, kubernetes:..., pulumi:...) configure providers, not this model.
        });
        TreeBinder binder = new TreeBinder(problems,
                name -> name.equals("awsRegion") ? AWS_REGION_KEY : PREFIX + name);
        StackConfig defaults = StackConfig.defaults(STACK_NAME.matcher(stack).matches() ? stack : "invalid");
        StackConfig config = binder.bindRoot(StackConfig.class, root, defaults);
        StackValidator.validate(config, problems);
        if (!problems.isEmpty()) {
            throw new StackConfigException(source, problems.lines());
        }
        return config;
    }

    /**
     * The engine passes top-level scalars as plain strings and structured values as JSON text; a stack file
     * has typed YAML. Both become the same node here: scalars through their text, JSON text parsed.
     */
    private static JsonNode normalizeTopLevel(JsonNode value, Class<?> target) {
        if (!value.isValueNode() || value.isNull()) {
            return value;
        }
        String text = value.asText();
        if (target == boolean.class && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        if (target == int.class && text.matches("-?\\d{1,9}")) {
            return IntNode.valueOf(Integer.parseInt(text));
        }
        return value.isTextual() ? parseEngineValue(text) : TextNode.valueOf(text);
    }

    /** JSON text of a section or list becomes its tree; anything else stays a string. */
    private static JsonNode parseEngineValue(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(text);
            }
        }
        return TextNode.valueOf(text);
    }
}
