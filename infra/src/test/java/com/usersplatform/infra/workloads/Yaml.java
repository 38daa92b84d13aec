package com.usersplatform.infra.workloads;

import java.util.List;
import java.util.Map;

/** Navigation in parsed manifests: {@code at(doc, "spec.template.spec.containers[0].name")}. */
public final class Yaml {
    private Yaml() {
    }

    public static Object at(Object root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            String key = step;
            Integer index = null;
            if (step.endsWith("]")) {
                key = step.substring(0, step.indexOf('['));
                index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
            }
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("no '" + path + "' (missing '" + key + "')");
            }
            current = map.get(key);
            if (index != null) {
                current = ((List<?>) current).get(index);
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object root, String path) {
        return (Map<String, Object>) at(root, path);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object root, String path) {
        return (List<Map<String, Object>>) at(root, path);
    }

    public static String string(Object root, String path) {
        return String.valueOf(at(root, path));
    }

    public static int integer(Object root, String path) {
        return ((Number) at(root, path)).intValue();
    }

    /** True when every label of {@code selector} is carried by {@code labels} (Kubernetes matchLabels semantics). */
    public static boolean selects(Map<?, ?> selector, Map<?, ?> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }
}
