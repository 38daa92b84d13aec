package com.usersplatform.infra.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Validation of a custom resource against the {@code openAPIV3Schema} of its CRD, as the API server's structural
 * schema does: types, required fields, enums, patterns, lengths, item counts, bounds, {@code anyOf} and
 * int-or-string; an unknown field fails (the API server would prune it silently). CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated. The CRDs are copied verbatim from Karpenter's chart at the
 * pinned version (its {@code charts/karpenter/crds} link to {@code pkg/apis/crds}):
 * https://github.com/aws/karpenter-provider-aws/tree/v1.14.1/pkg/apis/crds
 */
final class CrdSchema {

    private static final Map<String, String> CRDS = Map.of(
            "karpenter.sh/v1/NodePool", "/karpenter-crds/karpenter.sh_nodepools.yaml",
            "karpenter.k8s.aws/v1/EC2NodeClass", "/karpenter-crds/karpenter.k8s.aws_ec2nodeclasses.yaml");

    private CrdSchema() {
    }

    static boolean covers(Map<String, Object> document) {
        return CRDS.containsKey(document.get("apiVersion") + "/" + document.get("kind"));
    }

    /** Fails with every violation of {@code document}'s spec against its CRD's schema. */
    static void check(String file, Map<String, Object> document) {
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            fail(file + ": " + String.join("; ", problems));
        }
    }

    static List<String> problems(Map<String, Object> document) {
        String version = String.valueOf(document.get("apiVersion"));
        Map<String, Object> schema = schema(CRDS.get(version + "/" + document.get("kind")),
                version.substring(version.indexOf('/') + 1));
        List<String> problems = new ArrayList<>();
        validate(map(map(schema.get("properties")).get("spec")), document.get("spec"), "spec", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(String resource, String version) {
        try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
            Map<String, Object> crd = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            for (Object v : (List<Object>) map(crd.get("spec")).get("versions")) {
                if (version.equals(map(v).get("name"))) {
                    return map(map(map(v).get("schema")).get("openAPIV3Schema"));
                }
            }
            throw new IllegalStateException(resource + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void validate(Map<String, Object> schema, Object value, String path, List<String> problems) {
        if (schema.containsKey("anyOf")) {
            boolean any = false;
            for (Object option : (List<?>) schema.get("anyOf")) {
                List<String> sub = new ArrayList<>();
                validate(map(option), value, path, sub);
                any |= sub.isEmpty();
            }
            if (!any) {
                problems.add(path + ": matches none of anyOf " + schema.get("anyOf"));
            }
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                problems.add(path + ": must be an integer or a string, got " + value);
            }
        } else if (schema.containsKey("type") && !hasType(String.valueOf(schema.get("type")), value)) {
            problems.add(path + ": must be of type " + schema.get("type") + ", got " + value);
            return;
        }
        if (schema.containsKey("enum") && !((List<?>) schema.get("enum")).contains(value)) {
            problems.add(path + ": must be one of " + schema.get("enum") + ", got " + value);
        }
        if (value instanceof String s) {
            if (schema.containsKey("pattern") && !Pattern.compile(String.valueOf(schema.get("pattern"))).matcher(s).find()) {
                problems.add(path + ": " + s + " does not match " + schema.get("pattern"));
            }
            bound(path, s.length(), schema.get("minLength"), schema.get("maxLength"), "length", problems);
        }
        if (value instanceof Number n && !(schema.containsKey("x-kubernetes-int-or-string"))) {
            bound(path, n.doubleValue(), schema.get("minimum"), schema.get("maximum"), "value", problems);
        }
        if (value instanceof List<?> list) {
            bound(path, list.size(), schema.get("minItems"), schema.get("maxItems"), "item count", problems);
            if (schema.containsKey("items")) {
                for (int i = 0; i < list.size(); i++) {
                    validate(map(schema.get("items")), list.get(i), path + "[" + i + "]", problems);
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            for (Object required : (List<?>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(required)) {
                    problems.add(path + ": missing required field " + required);
                }
            }
            Map<String, Object> properties = map(schema.getOrDefault("properties", Map.of()));
            for (var entry : object.entrySet()) {
                String child = path + "." + entry.getKey();
                if (properties.containsKey(entry.getKey())) {
                    validate(map(properties.get(entry.getKey())), entry.getValue(), child, problems);
                } else if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                    validate(map(additional), entry.getValue(), child, problems);
                } else if (!Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))) {
                    problems.add(child + ": unknown field");
                }
            }
        }
    }

    private static boolean hasType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> true;
        };
    }

    private static void bound(String path, double actual, Object min, Object max, String what, List<String> problems) {
        if (min instanceof Number m && actual < m.doubleValue() || max instanceof Number x && actual > x.doubleValue()) {
            problems.add(path + ": " + what + " " + actual + " outside [" + min + ", " + max + "]");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
