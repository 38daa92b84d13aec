package com.usersplatform.infra.observability;

import static com.usersplatform.infra.observability.DashboardJson.target;

import java.util.List;

/**
 * The on-call engineer's dashboards beside the API's: capacity (autoscaler replicas against their maximum, nodes,
 * pending pods, from kube-state-metrics), the data tier and credential rotation (the users service's Redis metrics,
 * ElastiCache from CloudWatch) and the edge (rejections by status, WAF blocks from CloudWatch).
 */
final class OnCallDashboards {
    /** The rejections an on-call engineer watches at the edge: bad key, rate limited, body too large. */
    static final String REJECTED_STATUSES = "401|413|429";

    private OnCallDashboards() {
    }

    /** The dashboards by short name, the API's included. */
    static final List<String> NAMES = List.of("api", "capacity", "data", "edge");

    /** The named dashboard's JSON over the services of namespace {@code ns}, CloudWatch in {@code region}. */
    static String json(String name, String ns, String region) {
        return switch (name) {
            case "api" -> ApiDashboard.json(ns);
            case "capacity" -> capacity(ns);
            case "data" -> dataTier(ns, region);
            case "edge" -> edge(ns, region);
            default -> throw new IllegalArgumentException("no dashboard named " + name);
        };
    }

    /** Metric names from kube-state-metrics (https://github.com/kubernetes/kube-state-metrics/tree/main/docs). */
    static String capacity(String ns) {
        String inNs = "namespace=\"" + ns + "\"";
        DashboardJson d = new DashboardJson();
        d.prometheus("Autoscaler replicas vs maximum", "short",
                target("max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{"
                        + inNs + "})", "{{horizontalpodautoscaler}} current"),
                target("max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{"
                        + inNs + "})", "{{horizontalpodautoscaler}} max"));
        d.prometheus("Nodes (total / ready)", "short",
                target("count(kube_node_info)", "nodes"),
                target("sum(kube_node_status_condition{condition=\"Ready\",status=\"true\"})", "ready"));
        d.prometheus("Pending pods", "short",
                target("sum by (namespace) (kube_pod_status_phase{phase=\"Pending\"})", "{{namespace}}"));
        d.prometheus("Available pods", "short",
                target("sum by (deployment) (kube_deployment_status_replicas_available{" + inNs + "})",
                        "{{deployment}}"));
        return d.render("users-platform-capacity", "users-platform capacity");
    }

    /**
     * The users service's Redis operations and credentials, and ElastiCache's own metrics: {@code
     * EngineCPUUtilization} (the Redis thread), {@code DatabaseMemoryUsagePercentage}, {@code CurrConnections} in
     * {@code AWS/ElastiCache} (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html).
     */
    static String dataTier(String ns, String region) {
        String users = Promql.job(ns, "users");
        DashboardJson d = new DashboardJson();
        d.prometheus("Redis p99 latency by operation (s)", "s",
                target(Promql.quantile(0.99, "redis_operation_duration_seconds", users, "operation"), "{{operation}}"));
        d.prometheus("Redis failed operations (ops/s)", "ops", target("sum by (operation, status) (rate("
                + "redis_operation_duration_seconds_count{" + users + ",status!=\"ok\"}[5m]))",
                "{{operation}} {{status}}"));
        d.prometheus("Credentials stale for (s)", "s",
                target("max by (pod) (redis_credentials_stale_seconds{" + users + "})", "{{pod}}"));
        d.prometheus("Credentials rejected by Redis (per 15 min)", "short",
                target("sum by (pod) (increase(redis_credentials_rejected_total{" + users + "}[15m]))", "{{pod}}"));
        d.cloudWatch("ElastiCache engine CPU (%)", "percent", region, "AWS/ElastiCache", "EngineCPUUtilization",
                "Maximum");
        d.cloudWatch("ElastiCache memory used (%)", "percent", region, "AWS/ElastiCache",
                "DatabaseMemoryUsagePercentage", "Maximum");
        d.cloudWatch("ElastiCache connections", "short", region, "AWS/ElastiCache", "CurrConnections", "Maximum");
        return d.render("users-platform-data", "users-platform data tier and rotation");
    }

    /**
     * Rejections the gateway answers (401 bad key, 413 body too large, 429 rate limited) and the requests the WAF
     * blocks: {@code BlockedRequests} in {@code AWS/WAFV2}, reported once a minute
     * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html).
     */
    static String edge(String ns, String region) {
        String gateway = Promql.job(ns, "gateway");
        DashboardJson d = new DashboardJson();
        d.prometheus("Rejected requests by status (req/s)", "reqps", target("sum by (status_code) (rate("
                + "http_requests_total{" + gateway + ",status_code=~\"" + REJECTED_STATUSES + "\"}[5m]))",
                "{{status_code}}"));
        d.prometheus("Rejected share of requests", "percentunit", target("sum(rate(http_requests_total{" + gateway
                + ",status_code=~\"" + REJECTED_STATUSES + "\"}[5m])) / sum(rate(http_requests_total{" + gateway
                + "}[5m]))", "rejected"));
        d.prometheus("Rate limiter rejections (req/s)", "reqps",
                target("sum(rate(rate_limiter_rejected_total{" + gateway + "}[5m]))", "429 by the limiter"));
        d.cloudWatch("WAF blocked requests", "short", region, "AWS/WAFV2", "BlockedRequests", "Sum");
        return d.render("users-platform-edge", "users-platform edge and security");
    }
}
