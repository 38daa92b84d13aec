package com.usersplatform.infra.observability;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.usersplatform.infra.StableJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Grafana dashboard of the API (JSON model): request rate, error rate, latency percentiles, upstream latency,
 * Redis latency and pod count, over the metric names of SPEC section 2 and kube-state-metrics.
 */
final class ApiDashboard {
    static final String UID = "users-platform-api";

    private ApiDashboard() {
    }

    static String json(String ns) {
        String inNs = "namespace=\"" + ns + "\"";
        List<Map<String, Object>> panels = new ArrayList<>();
        panels.add(panel(panels.size(), "Request rate (req/s)", "reqps",
                target("sum by (job, route) (rate(http_requests_total{" + inNs + "}[5m]))", "{{job}} {{route}}")));
        panels.add(panel(panels.size(), "Error rate (5xx share)", "percentunit",
                target(Promql.errorRatio(ns, "gateway", "5m"), "gateway"),
                target(Promql.errorRatio(ns, "users", "5m"), "users")));
        panels.add(panel(panels.size(), "Latency p50 / p95 / p99 (s)", "s",
                percentiles("http_request_duration_seconds", inNs, "job")));
        panels.add(panel(panels.size(), "Upstream latency gateway→users (s)", "s",
                percentiles("upstream_request_duration_seconds", inNs + ",job=\"gateway\"", "")));
        panels.add(panel(panels.size(), "Redis latency by operation (s)", "s",
                percentiles("redis_operation_duration_seconds", inNs + ",job=\"users\"", "operation")));
        panels.add(panel(panels.size(), "Available pods", "short",
                target("sum by (deployment) (kube_deployment_status_replicas_available{" + inNs + "})", "{{deployment}}")));

        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("uid", UID);
        dashboard.put("title", "users-platform API");
        dashboard.put("tags", List.of("users-platform"));
        dashboard.put("timezone", "utc");
        dashboard.put("refresh", "30s");
        dashboard.put("schemaVersion", 39);
        dashboard.put("time", Map.of("from", "now-6h", "to", "now"));
        dashboard.put("panels", panels);
        // Sorted keys (StableJson) so the file is byte-identical between runs; pretty-printed for reviewable diffs.
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(StableJson.of(dashboard))) + "\n";
    }

    private static Map<String, Object>[] percentiles(String histogram, String selector, String by) {
        String legend = by.isEmpty() ? "" : " {{" + by + "}}";
        @SuppressWarnings("unchecked")
        Map<String, Object>[] targets = new Map[] {
                target(Promql.quantile(0.5, histogram, selector, by), "p50" + legend),
                target(Promql.quantile(0.95, histogram, selector, by), "p95" + legend),
                target(Promql.quantile(0.99, histogram, selector, by), "p99" + legend)};
        return targets;
    }

    @SafeVarargs
    private static Map<String, Object> panel(int index, String title, String unit, Map<String, Object>... targets) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("id", index + 1);
        panel.put("type", "timeseries");
        panel.put("title", title);
        panel.put("datasource", Map.of("type", "prometheus", "uid", "prometheus"));
        panel.put("gridPos", Map.of("h", 8, "w", 12, "x", (index % 2) * 12, "y", (index / 2) * 8));
        panel.put("fieldConfig", Map.of("defaults", Map.of("unit", unit), "overrides", List.of()));
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            Map<String, Object> t = new LinkedHashMap<>(targets[i]);
            t.put("refId", String.valueOf((char) ('A' + i)));
            refs.add(t);
        }
        panel.put("targets", refs);
        return panel;
    }

    private static Map<String, Object> target(String expr, String legend) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("expr", expr);
        target.put("legendFormat", legend);
        return target;
    }
}
