package com.usersplatform.infra.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks ServiceMonitors and PrometheusRules against fabric8's Prometheus Operator models, which are generated from
 * the operator's CRD schemas: the document must bind to the model and no field may land in a model's
 * {@code additionalProperties} (where fabric8 keeps what the schema does not define).
 */
final class PrometheusOperatorModels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> MODELS = Map.of(
            "ServiceMonitor", ServiceMonitor.class, "PrometheusRule", PrometheusRule.class);

    private PrometheusOperatorModels() {
    }

    static boolean covers(Map<String, Object> document) {
        return "monitoring.coreos.com/v1".equals(document.get("apiVersion")) && MODELS.containsKey(document.get("kind"));
    }

    static void check(String file, Map<String, Object> document) {
        Object model = JSON.convertValue(document, MODELS.get(document.get("kind")));
        noUnknownFields(file, model);
    }

    private static void noUnknownFields(String path, Object value) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                noUnknownFields(path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> noUnknownFields(path + "." + k, v));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    fail(path + ": fields not in the CRD schema: " + extra.keySet());
                }
            } else {
                noUnknownFields(path + "." + getter.getName().substring(3), property);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }
}
