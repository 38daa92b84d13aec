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
    /**
     * The CloudWatch console, whose X-Ray traces page finds a trace by the W3C id an exemplar carries
     * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-traces.html, step "Type a trace ID").
     */
    static final String XRAY_CONSOLE = "https://console.aws.amazon.com/cloudwatch/";

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
        panels.add(traced(panel(panels.size(), "Latency p50 / p95 / p99 (s)", "s",
                percentiles("http_request_duration_seconds", inNs, "job"))));
        panels.add(traced(panel(panels.size(), "Upstream latency gateway→users (s)", "s",
                percentiles("upstream_request_duration_seconds", inNs + ",job=\"gateway\"", ""))));
        panels.add(traced(panel(panels.size(), "Redis latency by operation (s)", "s",
                percentiles("redis_operation_duration_seconds", inNs + ",job=\"users\"", "operation"))));
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

    /**
     * A latency panel joined to the traces: its queries show the exemplars (the trace id of a slow request, kept by
     * Prometheus's exemplar storage; hovering one shows its {@code trace_id}), and the panel links to the X-Ray
     * console, where that id finds the trace. A click-through from the exemplar itself needs a tracing data source
     * in Grafana (the X-Ray plugin), which this stack does not install.
     */
    private static Map<String, Object> traced(Map<String, Object> panel) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.get("targets");
        targets.forEach(target -> target.put("exemplar", true));
        panel.put("links", List.of(Map.of("title", "AWS X-Ray traces (search the exemplar's trace_id)",
                "targetBlank", true, "url", XRAY_CONSOLE)));
        return panel;
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
