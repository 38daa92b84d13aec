package com.usersplatform.infra.alerting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's configuration: every alert reaches the alert topic through Alertmanager's SNS receiver, signed with
 * SigV4 using the pod's Pod Identity credentials (no keys in the config), one receiver per severity so each carries
 * its severity as an SNS message attribute (subscriptions can filter on it) and repeats at its own pace; the
 * {@code Watchdog} goes to the heartbeat topic instead (the dead-man's switch). There is no {@code null} receiver.
 *
 * <p>{@code sigv4} without keys uses the AWS SDK's default credential chain, whose container provider reads the EKS
 * Pod Identity agent (aws-sdk-go 1.47.11 and later; Alertmanager 0.28, the chart's, uses 1.55).
 *
 * @see <a href="https://prometheus.io/docs/alerting/latest/configuration/#sns_config">sns_config</a>
 * @see <a href="https://docs.aws.amazon.com/eks/latest/userguide/pod-id-minimum-sdk.html">Pod Identity: minimum SDK versions</a>
 * @see <a href="https://github.com/prometheus/alertmanager/blob/v0.28.0/go.mod">Alertmanager 0.28.0 go.mod</a>
 * @see <a href="https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-67.8.0/charts/kube-prometheus-stack/values.yaml">chart values: alertmanager.config, its inhibit rules and Watchdog route</a>
 */
public final class AlertmanagerConfig {

    /** Severity → how often an unresolved alert is sent again. */
    static final Map<String, String> REPEAT_BY_SEVERITY = orderedOf("critical", "1h", "warning", "4h", "info", "24h");

    /**
     * The SLO burn-rate alerts' vocabulary ({@code page}, {@code ticket}) mapped onto the receivers' severities, so a
     * page repeats and is attributed like a critical alert and a ticket like a warning.
     */
    static final Map<String, String> SLO_SEVERITY_ALIASES = Map.of("critical", "page", "warning", "ticket");

    private AlertmanagerConfig() {
    }

    /** The configuration for the given region, alert topic and heartbeat topic. */
    public static Map<String, Object> of(String region, String alertTopicArn, String heartbeatTopicArn) {
        List<Object> routes = new ArrayList<>();
        routes.add(ordered("receiver", "heartbeat", "matchers", List.of("alertname = \"Watchdog\""),
                "group_wait", "0s", "group_interval", "1m",
                "repeat_interval", AlertmanagerDelivery.HEARTBEAT_SECONDS / 60 + "m"));
        List<Object> receivers = new ArrayList<>();
        receivers.add(receiver("heartbeat", region, heartbeatTopicArn, "watchdog"));
        REPEAT_BY_SEVERITY.forEach((severity, repeat) -> {
            String alias = SLO_SEVERITY_ALIASES.get(severity);
            String matcher = alias == null ? "severity = \"" + severity + "\""
                    : "severity =~ \"" + severity + "|" + alias + "\"";
            routes.add(ordered("receiver", "sns-" + severity, "matchers", List.of(matcher), "repeat_interval", repeat));
            receivers.add(receiver("sns-" + severity, region, alertTopicArn, severity));
        });
        return ordered(
                "global", Map.of("resolve_timeout", "5m"),
                "route", ordered("receiver", "sns-warning", "group_by", List.of("namespace", "alertname"),
                        "group_wait", "30s", "group_interval", "5m", "repeat_interval", "4h", "routes", routes),
                "receivers", receivers,
                "inhibit_rules", inhibitRules());
    }

    /**
     * The chart's own inhibition: a critical alert silences the warning and info alerts of the same alert and
     * namespace, a warning its info; {@code InfoInhibitor} (kube-prometheus) silences info alerts of its namespace
     * and is itself never sent.
     */
    private static List<Object> inhibitRules() {
        List<String> equal = List.of("namespace", "alertname");
        return List.of(
                ordered("source_matchers", List.of("severity = critical"),
                        "target_matchers", List.of("severity =~ warning|info"), "equal", equal),
                ordered("source_matchers", List.of("severity = warning"),
                        "target_matchers", List.of("severity = info"), "equal", equal),
                ordered("source_matchers", List.of("alertname = InfoInhibitor"),
                        "target_matchers", List.of("severity = info"), "equal", List.of("namespace")),
                ordered("target_matchers", List.of("alertname = InfoInhibitor")));
    }

    private static Map<String, Object> receiver(String name, String region, String topicArn, String severity) {
        return ordered("name", name, "sns_configs", List.of(ordered(
                "sigv4", Map.of("region", region),
                "topic_arn", topicArn,
                // SNS subjects are at most 100 characters (the default subject lists every label and can exceed it).
                "subject", "[{{ .Status | toUpper }}] " + severity + ": {{ .CommonLabels.alertname }}",
                "attributes", Map.of("severity", severity),
                "send_resolved", !"watchdog".equals(severity))));
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> orderedOf(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
