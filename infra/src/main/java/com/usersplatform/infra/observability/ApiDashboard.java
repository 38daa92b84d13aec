package com.usersplatform.infra.observability;

import static com.usersplatform.infra.observability.DashboardJson.target;

import java.util.List;
import java.util.Map;

/**
 * The Grafana dashboard of the API (JSON model): rate, errors and latency (RED) overall and by route, the upstream
 * calls by status and latency, the circuit breaker, Redis latency and pod count, over the services' metric names and
 * kube-state-metrics.
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
        DashboardJson d = new DashboardJson();
        d.prometheus("Request rate (req/s)", "reqps",
                target("sum by (job, route) (rate(http_requests_total{" + inNs + "}[5m]))", "{{job}} {{route}}"));
        d.prometheus("Error rate (5xx share)", "percentunit",
                target(Promql.errorRatio(Promql.apiRequests(ns), "5m"), "gateway"),
                target(Promql.errorRatio(Promql.job(ns, "users"), "5m"), "users"));
        traced(d.prometheus("Latency p50 / p95 / p99 (s)", "s",
                percentiles("http_request_duration_seconds", inNs, "job")));
        traced(d.prometheus("Upstream latency gateway→users (s)", "s",
                percentiles("upstream_request_duration_seconds", inNs + ",job=\"gateway\"", "")));
        traced(d.prometheus("Redis latency by operation (s)", "s",
                percentiles("redis_operation_duration_seconds", inNs + ",job=\"users\"", "operation")));
        d.prometheus("Available pods", "short",
                target("sum by (deployment) (kube_deployment_status_replicas_available{" + inNs + "})", "{{deployment}}"));
        d.prometheus("Errors by route (5xx req/s)", "reqps", target("sum by (job, route) (rate(http_requests_total{"
                + inNs + ",status_code=~\"5..\"}[5m]))", "{{job}} {{route}}"));
        d.prometheus("Upstream calls by status (req/s)", "reqps", target("sum by (service, status_code) (rate("
                + "upstream_request_duration_seconds_count{" + inNs + "}[5m]))", "{{service}} {{status_code}}"));
        d.prometheus("Circuit breaker state (1 = current)", "short", target("max by (service, state) ("
                + "circuit_breaker_state{" + inNs + "})", "{{service}} {{state}}"));
        return d.render(UID, "users-platform API");
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
}
