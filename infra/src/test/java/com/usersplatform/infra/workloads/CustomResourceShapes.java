package com.usersplatform.infra.workloads;

import java.util.Map;

import static com.usersplatform.infra.workloads.Shape.anything;
import static com.usersplatform.infra.workloads.Shape.array;
import static com.usersplatform.infra.workloads.Shape.duration;
import static com.usersplatform.infra.workloads.Shape.matching;
import static com.usersplatform.infra.workloads.Shape.object;
import static com.usersplatform.infra.workloads.Shape.oneOf;
import static com.usersplatform.infra.workloads.Shape.string;
import static com.usersplatform.infra.workloads.Shape.stringMap;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Structural schemas of the custom resources the program renders, transcribed (subset of fields we use plus their
 * siblings' names) from the CRDs of External Secrets {@code external-secrets.io/v1} and Prometheus Operator
 * {@code monitoring.coreos.com/v1}: required structure and allowed values. No maintained JVM package of the External
 * Secrets CRD schemas is on Maven Central, so this is their only check; the Prometheus Operator kinds are also bound to
 * fabric8's CRD-generated models ({@link PrometheusOperatorModels}). Unknown fields fail, as the API server's
 * structural-schema pruning would silently drop them.
 */
final class CustomResourceShapes {
    private static final Shape METADATA = object(Map.of("name", string(), "namespace", string(),
            "labels", stringMap(), "annotations", stringMap()), "name", "namespace");
    private static final Shape SELECTOR = object(Map.of("matchLabels", stringMap(), "matchExpressions", anything()));

    private static final Map<String, Shape> SPECS = Map.of(
            "external-secrets.io/v1/SecretStore", object(Map.of(
                    "provider", object(Map.of("aws", object(Map.of(
                            "service", oneOf("SecretsManager", "ParameterStore"),
                            "region", matching("[a-z]{2}(-[a-z]+)+-\\d"),
                            "auth", anything(), "role", string(), "additionalRoles", anything(),
                            "externalID", string(), "sessionTags", anything(), "secretsManager", anything(),
                            "transitiveTagKeys", anything(), "prefix", string()), "service", "region"))),
                    "controller", string(), "refreshInterval", anything(), "retrySettings", anything(),
                    "conditions", anything()), "provider"),
            "external-secrets.io/v1/ExternalSecret", object(Map.of(
                    "refreshInterval", duration(),
                    "refreshPolicy", oneOf("CreatedOnce", "Periodic", "OnChange"),
                    "secretStoreRef", object(Map.of("name", string(), "kind", oneOf("SecretStore", "ClusterSecretStore")),
                            "name"),
                    "target", object(Map.of("name", string(), "creationPolicy", oneOf("Owner", "Orphan", "Merge", "None"),
                            "deletionPolicy", oneOf("Delete", "Merge", "Retain"), "template", anything(),
                            "immutable", Shape.bool())),
                    "data", array(object(Map.of("secretKey", string(),
                            "remoteRef", object(Map.of("key", string(), "property", string(), "version", string(),
                                    "conversionStrategy", oneOf("Default", "Unicode"),
                                    "decodingStrategy", oneOf("Auto", "Base64", "Base64URL", "None"),
                                    "metadataPolicy", oneOf("None", "Fetch")), "key"),
                            "sourceRef", anything()), "secretKey", "remoteRef")),
                    "dataFrom", anything()), "secretStoreRef"),
            "monitoring.coreos.com/v1/ServiceMonitor", object(Map.of(
                    "selector", SELECTOR,
                    "namespaceSelector", object(Map.of("matchNames", array(string()), "any", Shape.bool())),
                    "endpoints", array(object(Map.of("port", string(), "targetPort", anything(), "path", matching("/.*"),
                            "scheme", oneOf("http", "https"), "interval", duration(), "scrapeTimeout", duration(),
                            "honorLabels", Shape.bool(), "relabelings", anything(), "metricRelabelings", anything()))),
                    "jobLabel", string(), "targetLabels", anything(), "podTargetLabels", anything()), "selector", "endpoints"),
            "monitoring.coreos.com/v1/PrometheusRule", object(Map.of(
                    "groups", array(object(Map.of("name", string(), "interval", duration(),
                            "rules", array(object(Map.of("alert", string(), "record", string(), "expr", string(),
                                    "for", duration(), "keep_firing_for", duration(), "labels", stringMap(),
                                    "annotations", stringMap()), "expr")),
                            "partial_response_strategy", string(), "limit", anything()), "name", "rules"))),
                    "groups"));

    private CustomResourceShapes() {
    }

    static void check(String file, Map<String, Object> document) {
        Shape spec = SPECS.get(document.get("apiVersion") + "/" + document.get("kind"));
        if (spec == null) {
            fail(file + ": no schema for custom resource " + document.get("apiVersion") + " " + document.get("kind"));
        }
        object(Map.of("apiVersion", string(), "kind", string(), "metadata", METADATA, "spec", spec),
                "apiVersion", "kind", "metadata", "spec").check(file, document);
    }
}
