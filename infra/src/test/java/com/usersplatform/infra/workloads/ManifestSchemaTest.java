package com.usersplatform.infra.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.ClusterServices;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1ValidatingAdmissionPolicy;
import io.kubernetes.client.openapi.models.V1ValidatingAdmissionPolicyBinding;
import io.kubernetes.client.openapi.models.V1StorageClass;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Strict schema validation of every rendered built-in object with the official Kubernetes Java client's generated
 * models ({@code validateJsonElement}: unknown fields and missing required fields are rejected, recursively), and of
 * the custom resources against {@link CustomResourceShapes} and, for the Prometheus Operator kinds, against fabric8's
 * models generated from that operator's CRDs ({@link PrometheusOperatorModels}).
 */
class ManifestSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** apiVersion/kind of every built-in kind the program may render, with its generated model. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", V1ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding.class),
            Map.entry("admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy", V1ValidatingAdmissionPolicy.class),
            Map.entry("admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
                    V1ValidatingAdmissionPolicyBinding.class),
            Map.entry("storage.k8s.io/v1/StorageClass", V1StorageClass.class));

    @Test
    void everyRenderedObjectPassesItsSchema() {
        for (var run : KubernetesRuns.both()) {
            var kinds = new TreeSet<String>();
            run.documents().forEach((file, document) -> {
                kinds.add(String.valueOf(document.get("kind")));
                if ("HelmRelease".equals(document.get("kind"))) {
                    HelmReleaseShape.check(file, document);
                } else if (isBuiltIn(document)) {
                    validateBuiltIn(file, document);
                } else if (CrdSchema.covers(document)) {
                    CrdSchema.check(file, document);
                } else {
                    CustomResourceShapes.check(file, document);
                    if (PrometheusOperatorModels.covers(document)) {
                        PrometheusOperatorModels.check(file, document);
                    }
                }
            });
            assertTrue(kinds.containsAll(java.util.List.of("Deployment", "NetworkPolicy", "ExternalSecret",
                    "PrometheusRule", "ServiceMonitor", "HelmRelease", "ValidatingAdmissionPolicy",
                    "ValidatingAdmissionPolicyBinding", "ClusterRole", "RoleBinding")), kinds.toString());
        }
    }

    @Test
    void karpenterObjectsAreCheckedAgainstTheirCrdAndAViolationIsCaught() {
        var run = KubernetesRuns.dev();
        var nodeClass = run.ofKind("EC2NodeClass").getFirst();
        assertTrue(CrdSchema.problems(nodeClass).isEmpty(), CrdSchema.problems(nodeClass).toString());
        var hopLimit = deepCopy(nodeClass);
        Yaml.map(hopLimit, "spec.metadataOptions").put("httpPutResponseHopLimit", 0);
        assertTrue(CrdSchema.problems(hopLimit).toString().contains("httpPutResponseHopLimit"));
        var typo = deepCopy(run.ofKind("NodePool").getFirst());
        Yaml.map(typo, "spec.disruption").put("consolidationPolicy", "WhenIdle");
        Yaml.map(typo, "spec").put("limit", Map.of());
        var problems = CrdSchema.problems(typo).toString();
        assertTrue(problems.contains("consolidationPolicy") && problems.contains("spec.limit: unknown field"), problems);
    }

    @Test
    void anUnknownFieldIsRejected() {
        var deployment = KubernetesRuns.dev().document("Deployment", ClusterServices.NAMESPACE, "users");
        JsonObject json = toJson(deployment).getAsJsonObject();
        json.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers").get(0).getAsJsonObject().addProperty("readinesProbe", "typo");
        var error = assertThrows(IllegalArgumentException.class, () -> validate(V1Deployment.class, json));
        assertTrue(error.getMessage().contains("readinesProbe"), error.getMessage());
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        var deployment = KubernetesRuns.dev().document("Deployment", ClusterServices.NAMESPACE, "users");
        JsonObject noSelector = toJson(deployment).getAsJsonObject();
        noSelector.getAsJsonObject("spec").remove("selector");
        var error = assertThrows(IllegalArgumentException.class, () -> validate(V1Deployment.class, noSelector));
        assertTrue(error.getMessage().contains("selector"), error.getMessage());

        JsonObject noContainerName = toJson(deployment).getAsJsonObject();
        noContainerName.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec")
                .getAsJsonArray("containers").get(0).getAsJsonObject().remove("name");
        error = assertThrows(IllegalArgumentException.class, () -> validate(V1Deployment.class, noContainerName));
        assertTrue(error.getMessage().contains("name"), error.getMessage());
    }

    @Test
    void customResourceShapesRejectUnknownAndMissingFields() {
        var run = KubernetesRuns.prod();
        var externalSecret = run.document("ExternalSecret", ClusterServices.NAMESPACE, "redis-credentials");
        var bogus = deepCopy(externalSecret);
        Yaml.map(bogus, "spec").put("refreshIntervall", "1m");
        assertThrows(AssertionError.class, () -> CustomResourceShapes.check("bogus", bogus));
        var missing = deepCopy(externalSecret);
        Yaml.map(missing, "spec.secretStoreRef").remove("name");
        assertThrows(AssertionError.class, () -> CustomResourceShapes.check("missing", missing));
    }

    @Test
    void prometheusOperatorModelsCatchAFieldTheCrdDoesNotDefine() {
        var monitor = KubernetesRuns.prod().document("ServiceMonitor", ClusterServices.NAMESPACE, "gateway");
        PrometheusOperatorModels.check("valid", monitor);
        var bogus = deepCopy(monitor);
        Yaml.list(bogus, "spec.endpoints").getFirst().put("scrapeInterval", "30s");
        var error = assertThrows(AssertionError.class, () -> PrometheusOperatorModels.check("bogus", bogus));
        assertTrue(error.getMessage().contains("scrapeInterval"), error.getMessage());
    }

    private static boolean isBuiltIn(Map<String, Object> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    private static void validateBuiltIn(String file, Map<String, Object> document) {
        Class<?> model = MODELS.get(document.get("apiVersion") + "/" + document.get("kind"));
        if (model == null) {
            fail(file + ": no schema registered for " + document.get("apiVersion") + " " + document.get("kind"));
        }
        try {
            validate(model, toJson(document));
        } catch (IllegalArgumentException e) {
            fail(file + ": " + e.getMessage());
        }
        // Required top-level structure beyond the model: every object is named.
        assertTrue(Yaml.map(document, "metadata").containsKey("name"), file);
        assertEquals(document.get("kind"), model.getSimpleName().replaceFirst("^V\\d", ""), file);
    }

    /** Runs the generated model's {@code validateJsonElement}, which throws on unknown or missing required fields. */
    static void validate(Class<?> model, JsonElement json) {
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalArgumentException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonElement toJson(Map<String, Object> document) {
        try {
            return JsonParser.parseString(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> document) {
        try {
            return JSON.readValue(JSON.writeValueAsString(document), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
