package com.usersplatform.infra.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PrometheusRule spec: the alerts named in the team contract, each linking its runbook section, and the SLO
 * burn-rate alerts with their recording rules ({@link SloRules}).
 */
final class AlertRules {
    static final String RUNBOOK_BASE =
            "https://github.com/users-platform/users-platform/blob/main/docs/runbooks/troubleshooting.md#";
    /** Alert names (fixed by the team contract). */
    static final List<String> NAMES = List.of("ApiHighErrorRate", "ApiHighLatencyP99", "PodRestartLoop",
            "RedisUnreachable", "HpaAtMaxReplicas", SloRules.AVAILABILITY_ALERT, SloRules.LATENCY_ALERT);

    private AlertRules() {
    }

    static Map<String, Object> spec(String ns, MonitoringArgs.AlertThresholds t) {
        String inNs = "namespace=\"" + ns + "\"";
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(alert("ApiHighErrorRate", Promql.errorRatio(Promql.apiRequests(ns), "5m") + " > " + Promql.number(t.errorRatio()),
                "5m", "critical", "More than " + Promql.number(t.errorRatio() * 100) + "% of API requests fail with 5xx"));
        rules.add(alert("ApiHighLatencyP99",
                Promql.quantile(0.99, "http_request_duration_seconds", inNs + ",job=\"gateway\"", "")
                        + " > " + Promql.number(t.p99LatencySeconds()),
                "10m", "warning", "API p99 latency above " + Promql.number(t.p99LatencySeconds()) + "s"));
        rules.add(alert("PodRestartLoop",
                "increase(kube_pod_container_status_restarts_total{" + inNs + "}[1h]) > " + t.restartsPerHour(),
                "0m", "warning", "Pod {{ $labels.pod }} restarted more than " + t.restartsPerHour() + " times in an hour"));
        rules.add(alert("RedisUnreachable",
                "sum(rate(redis_operation_duration_seconds_count{" + inNs + ",job=\"users\",status!=\"ok\"}[5m]))"
                        + " / sum(rate(redis_operation_duration_seconds_count{" + inNs + ",job=\"users\"}[5m])) > 0.5"
                        + " or (sum(kube_deployment_status_replicas_available{" + inNs + ",deployment=\"users\"}) == 0)",
                "2m", "critical", "The users service cannot reach Redis"));
        rules.add(alert("HpaAtMaxReplicas",
                "kube_horizontalpodautoscaler_status_current_replicas{" + inNs + "}"
                        + " >= kube_horizontalpodautoscaler_spec_max_replicas{" + inNs + "}",
                "15m", "warning", "HPA {{ $labels.horizontalpodautoscaler }} has been at its maximum for 15 minutes"));
        rules.addAll(SloRules.alerts(t.slo()));
        return Map.of("groups", List.of(
                Map.of("name", "users-platform.slo", "rules", SloRules.recordings(ns, t.slo())),
                Map.of("name", "users-platform.api", "rules", rules)));
    }

    private static Map<String, Object> alert(String name, String expr, String forDuration, String severity,
                                             String summary) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", name);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        rule.put("labels", Map.of("severity", severity));
        rule.put("annotations", annotations(name, summary));
        return rule;
    }

    /** The summary and the link to the alert's runbook section. */
    static Map<String, String> annotations(String name, String summary) {
        return Map.of("summary", summary, "runbook_url", RUNBOOK_BASE + name.toLowerCase(Locale.ROOT));
    }
}
