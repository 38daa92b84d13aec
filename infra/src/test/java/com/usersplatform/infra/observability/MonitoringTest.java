package com.usersplatform.infra.observability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.KubernetesRuns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.list;
import static com.usersplatform.infra.workloads.Yaml.map;
import static com.usersplatform.infra.workloads.Yaml.selects;
import static com.usersplatform.infra.workloads.Yaml.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ServiceMonitors, alerts and dashboard where the stack enables monitoring; nothing of it where it does not. */
class MonitoringTest {
    private static final String NS = ClusterServices.NAMESPACE;

    @Test
    void serviceMonitorsScrapeMetricsOfBothServices() {
        for (var run : KubernetesRuns.both()) {
            for (String service : List.of("gateway", "users")) {
                var monitor = run.document("ServiceMonitor", NS, service);
                var svc = run.document("Service", NS, service);
                assertTrue(selects(map(monitor, "spec.selector.matchLabels"), map(svc, "metadata.labels")));
                assertEquals(List.of(NS), at(monitor, "spec.namespaceSelector.matchNames"));
                assertEquals("/metrics", string(monitor, "spec.endpoints[0].path"));
                assertEquals(string(svc, "spec.ports[0].name"), string(monitor, "spec.endpoints[0].port"));
            }
            var release = run.document("HelmRelease", Monitoring.NAMESPACE, Monitoring.CHART.name());
            assertEquals(Monitoring.CHART.version(), release.get("version"));
            assertEquals(false, at(release, "values.prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues"));
            assertEquals(false, at(release, "values.prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues"));
        }
    }

    @Test
    void alertsCarryTheContractNamesRunbooksAndStackThresholds() {
        for (var run : KubernetesRuns.both()) {
            var rules = rules(run).stream().filter(r -> r.containsKey("alert")).toList();
            Map<String, Map<String, Object>> byName = rules.stream()
                    .collect(Collectors.toMap(r -> (String) r.get("alert"), r -> r, (page, ticket) -> page));
            assertEquals(java.util.Set.copyOf(AlertRules.NAMES), byName.keySet());
            rules.forEach(rule -> assertEquals(
                    "https://github.com/users-platform/users-platform/blob/main/docs/runbooks/troubleshooting.md#"
                            + ((String) rule.get("alert")).toLowerCase(Locale.ROOT), at(rule, "annotations.runbook_url")));
            var o = run.stack().observability();
            assertTrue(string(byName.get("ApiHighErrorRate"), "expr")
                    .endsWith("> " + Promql.number(o.errorRateThresholdPercent() / 100)));
            assertTrue(string(byName.get("ApiHighLatencyP99"), "expr")
                    .endsWith("> " + Promql.number(o.p99LatencyThresholdMs() / 1000.0)));
            assertTrue(string(byName.get("PodRestartLoop"), "expr").endsWith("[1h]) > " + o.restartThreshold()));
            assertTrue(string(byName.get("RedisUnreachable"), "expr").contains("redis_operation_duration_seconds_count"));
            assertTrue(string(byName.get("HpaAtMaxReplicas"), "expr").contains("kube_horizontalpodautoscaler_spec_max_replicas"));
        }
    }

    @Test
    void burnRateAlertsFollowTheWorkbookFromTheStackObjectives() {
        for (var run : KubernetesRuns.both()) {
            var slo = run.stack().observability().slo();
            Map<String, String> exprs = rules(run).stream().filter(r -> r.containsKey("alert"))
                    .filter(r -> ((String) r.get("alert")).startsWith("Slo"))
                    .collect(Collectors.toMap(r -> r.get("alert") + "/" + at(r, "labels.severity"), r -> string(r, "expr")));
            double budget = 1 - slo.availabilityPercent() / 100;
            // 30-day window: 14.4x (1h and 5m) pages; 6x (6h and 30m) and 1x (3d and 6h) ticket.
            assertEquals("(gateway:http_requests_errors:ratio_rate1h > " + Promql.number(14.4 * budget)
                    + " and gateway:http_requests_errors:ratio_rate5m > " + Promql.number(14.4 * budget) + ")",
                    exprs.get("SloErrorBudgetBurn/page"));
            assertEquals("(gateway:http_requests_errors:ratio_rate6h > " + Promql.number(6 * budget)
                    + " and gateway:http_requests_errors:ratio_rate30m > " + Promql.number(6 * budget) + ")"
                    + " or (gateway:http_requests_errors:ratio_rate3d > " + Promql.number(budget)
                    + " and gateway:http_requests_errors:ratio_rate6h > " + Promql.number(budget) + ")",
                    exprs.get("SloErrorBudgetBurn/ticket"));
            assertTrue(exprs.get("SloLatencyBudgetBurn/page").contains("gateway:http_requests_slow:ratio_rate1h > "
                    + Promql.number(14.4 * (1 - slo.latencyPercent() / 100))), exprs.toString());
            assertEquals(4, exprs.size(), exprs.toString());
            String recordings = rules(run).stream().filter(r -> r.containsKey("record")).toList().toString();
            assertTrue(recordings.contains("le=\"0.25\""), recordings);
        }
    }

    private static List<Map<String, Object>> rules(KubernetesRuns.Run run) {
        return list(run.document("PrometheusRule", NS, "users-platform-alerts"), "spec.groups").stream()
                .flatMap(g -> list(g, "rules").stream()).toList();
    }

    @Test
    void thresholdsRenderAsPlainNumbers() {
        assertEquals("0.0072", Promql.number(14.4 * (1 - 0.9995)));
        assertEquals("0.05", Promql.number(5.0 / 100));
        assertEquals("1", Promql.number(1000 / 1000.0));
    }

    @Test
    void dashboardShowsTheApiPanelsOverTheRealMetricNames() {
        var run = KubernetesRuns.prod();
        var configMap = run.document("ConfigMap", Monitoring.NAMESPACE, "users-platform-api-dashboard");
        assertEquals("1", at(configMap, "metadata.labels.grafana_dashboard"));
        JsonObject dashboard = JsonParser.parseString((String) map(configMap, "data").get("users-platform-api.json"))
                .getAsJsonObject();
        var panels = dashboard.getAsJsonArray("panels").asList().stream().map(p -> p.getAsJsonObject()).toList();
        var titles = panels.stream().map(p -> p.get("title").getAsString()).toList();
        for (String expected : List.of("Request rate", "Error rate", "Latency p50 / p95 / p99", "Upstream latency",
                "Redis latency", "Available pods")) {
            assertTrue(titles.stream().anyMatch(t -> t.startsWith(expected)), expected + " in " + titles);
        }
        String exprs = panels.toString();
        for (String metric : List.of("http_requests_total", "http_request_duration_seconds_bucket",
                "upstream_request_duration_seconds_bucket", "redis_operation_duration_seconds_bucket",
                "kube_deployment_status_replicas_available")) {
            assertTrue(exprs.contains(metric), metric);
        }
        for (String quantile : List.of("histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,")) {
            assertTrue(exprs.contains(quantile), quantile);
        }
    }

    @Test
    void monitoringSwitchedOffRendersNoMonitoringObjects() {
        var run = KubernetesRuns.devWithoutMonitoring();
        assertTrue(run.ofKind("ServiceMonitor").isEmpty());
        assertTrue(run.ofKind("PrometheusRule").isEmpty());
        assertTrue(run.files().keySet().stream().noneMatch(f -> f.contains(Monitoring.NAMESPACE)), run.files().keySet().toString());
    }
}
