package com.usersplatform.infra.observability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.KubernetesRuns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace collector where the stack enables tracing: pinned chart, OTLP in and X-Ray out only, a Pod Identity role
 * that may only write trace segments, and both services pointed at it with the stack's ratio; none of it otherwise.
 */
class TraceCollectorTest {
    private static final String NS = ClusterServices.NAMESPACE;

    @Test
    void collectorReceivesOtlpAndExportsOnlyToXrayInTheStackRegion() {
        for (var run : KubernetesRuns.both()) {
            var release = run.document("HelmRelease", NS, TraceCollector.CHART.name());
            assertEquals("0.170.0", release.get("version"));
            assertEquals("deployment", at(release, "values.mode"));
            assertEquals("otel/opentelemetry-collector-contrib", at(release, "values.image.repository"));
            assertEquals(TraceCollector.SERVICE_ACCOUNT, at(release, "values.serviceAccount.name"));
            // alternateConfig replaces the chart's default config: OTLP is the only receiver, X-Ray the only exporter.
            assertEquals(Map.of("traces", Map.of("receivers", List.of("otlp"),
                    "processors", List.of("memory_limiter", "batch"), "exporters", List.of("awsxray"))),
                    at(release, "values.alternateConfig.service.pipelines"));
            assertEquals(Map.of("awsxray", Map.of("region", run.stack().awsRegion())),
                    at(release, "values.alternateConfig.exporters"));
            assertEquals(List.of("otlp"), List.copyOf(map(release, "values.alternateConfig.receivers").keySet()));
            assertEquals(List.of("health_check"), at(release, "values.alternateConfig.service.extensions"));
            assertEquals(run.stack().production() ? 2 : 1, at(release, "values.replicaCount"));
        }
    }

    @Test
    void collectorRoleMayOnlyWriteTraceSegmentsForItsOwnServiceAccount() {
        for (var run : KubernetesRuns.both()) {
            var association = run.result().ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").stream()
                    .filter(a -> TraceCollector.SERVICE_ACCOUNT.equals(a.input("serviceAccount"))).toList();
            assertEquals(1, association.size());
            assertEquals(NS, association.getFirst().input("namespace"));
            var policies = run.result().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(p -> ((String) p.input("policy")).contains("xray:")).toList();
            assertEquals(1, policies.size(), "one role writes to X-Ray");
            JsonObject document = JsonParser.parseString((String) policies.getFirst().input("policy")).getAsJsonObject();
            assertEquals(1, document.getAsJsonArray("Statement").size());
            JsonObject statement = document.getAsJsonArray("Statement").get(0).getAsJsonObject();
            assertEquals("[\"xray:PutTraceSegments\"]", statement.get("Action").toString());
            assertEquals("Allow", statement.get("Effect").getAsString());
        }
    }

    @Test
    void bothServicesSendToTheCollectorWithTheStackRatio() {
        for (var run : KubernetesRuns.both()) {
            for (String service : List.of("gateway", "users")) {
                var data = map(run.document("ConfigMap", NS, service + "-config"), "data");
                assertEquals("http://opentelemetry-collector." + NS + ".svc.cluster.local:4318",
                        data.get("TRACING_OTLP_ENDPOINT"));
                assertEquals(run.stack().observability().tracing().samplingRatio(),
                        Double.parseDouble((String) data.get("TRACING_SAMPLING_RATIO")));
            }
        }
        assertEquals("0.1", map(KubernetesRuns.prod().document("ConfigMap", NS, "gateway-config"), "data")
                .get("TRACING_SAMPLING_RATIO"));
    }

    @Test
    void latencyPanelsShowExemplarsAndPrometheusStoresThem() {
        var run = KubernetesRuns.prod();
        var release = run.document("HelmRelease", Monitoring.NAMESPACE, Monitoring.CHART.name());
        assertEquals(List.of("exemplar-storage"), at(release, "values.prometheus.prometheusSpec.enableFeatures"));
        JsonObject dashboard = JsonParser.parseString((String) map(run.document("ConfigMap", Monitoring.NAMESPACE,
                "users-platform-api-dashboard"), "data").get("users-platform-api.json")).getAsJsonObject();
        long traced = dashboard.getAsJsonArray("panels").asList().stream().map(p -> p.getAsJsonObject())
                .filter(p -> p.get("title").getAsString().contains("atency"))
                .peek(p -> p.getAsJsonArray("targets").forEach(t ->
                        assertTrue(t.getAsJsonObject().get("exemplar").getAsBoolean(), p.get("title").toString())))
                .filter(p -> p.getAsJsonArray("links").get(0).getAsJsonObject().get("url").getAsString()
                        .equals(ApiDashboard.XRAY_CONSOLE))
                .count();
        assertEquals(3, traced, "request, upstream and Redis latency");
    }

    @Test
    void withTracingOffThereIsNoCollectorNoRoleAndNoExport() {
        var run = KubernetesRuns.devWithoutTracing();
        assertFalse(run.files().keySet().stream().anyMatch(f -> f.contains("opentelemetry-collector")));
        assertTrue(run.result().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .noneMatch(p -> ((String) p.input("policy")).contains("xray:")));
        assertTrue(run.ofKind("NetworkPolicy").stream()
                .noneMatch(p -> String.valueOf(map(p, "metadata").get("name")).contains("trace-collector")));
        for (String service : List.of("gateway", "users")) {
            assertNull(map(run.document("ConfigMap", NS, service + "-config"), "data").get("TRACING_OTLP_ENDPOINT"));
        }
    }
}
