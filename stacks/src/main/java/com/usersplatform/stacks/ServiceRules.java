package com.usersplatform.stacks;

import com.usersplatform.contract.Setting;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules of the settings around the services: {@code observability}, {@code gateway}, {@code ingress}. */
final class ServiceRules {

    private static final String OBSERVABILITY = StackValidator.PREFIX + "observability";
    private static final String GATEWAY = StackValidator.PREFIX + "gateway";
    private static final String INGRESS = StackValidator.PREFIX + "ingress";
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws(-cn|-us-gov)?:acm:([a-z0-9-]+):\\d{12}:certificate/[0-9a-f-]{36}");
    /** Route 53 hosted zone ids: upper-case letters and digits, at most 32 characters. */
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    /** The bounds of the services' latency histograms (HttpMetrics), ms: a latency SLO is read off one bucket. */
    private static final List<Double> LATENCY_BUCKETS_MS =
            List.of(1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0);

    /** EKS control-plane log types: https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html */
    private static final List<String> CONTROL_PLANE_LOG_TYPES =
            List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    private ServiceRules() {
    }

    static void check(StackConfig config, Problems problems) {
        checkObservability(config.observability(), config.production(), problems);
        checkGateway(config.gateway(), problems);
        checkIngress(config.ingress(), config.awsRegion(), config.production(), problems);
    }

    private static void checkObservability(ObservabilityConfig o, boolean production, Problems problems) {
        problems.check(!production || o.monitoringStack(), OBSERVABILITY + ".monitoringStack",
                "must be true in production (alerts need it)");
        problems.check(o.errorRateThresholdPercent() > 0 && o.errorRateThresholdPercent() <= 100,
                OBSERVABILITY + ".errorRateThresholdPercent",
                "must be above 0 and at most 100, got " + o.errorRateThresholdPercent());
        problems.range(OBSERVABILITY + ".p99LatencyThresholdMs", o.p99LatencyThresholdMs(), 1, 60_000);
        checkSlo(o.slo(), problems);
        problems.range(OBSERVABILITY + ".restartThreshold", o.restartThreshold(), 1, 100);
        TracingConfig t = o.tracing();
        problems.check(t.samplingRatio() >= 0 && t.samplingRatio() <= 1, OBSERVABILITY + ".tracing.samplingRatio",
                "must be between 0 and 1, got " + t.samplingRatio());
        problems.check(!production || t.enabled() && t.samplingRatio() > 0, OBSERVABILITY + ".tracing",
                "must be enabled with a samplingRatio above 0 in production (a p99 alert needs traces to explain it)");
        checkPrometheus(o.prometheus(), problems);
        checkLogs(o.logs(), production, problems);
    }

    private static void checkLogs(LogsConfig logs, boolean production, Problems problems) {
        String key = OBSERVABILITY + ".logs.";
        LogRetention.check(key + "retentionDays", logs.retentionDays(), problems);
        logs.controlPlaneLogTypes().stream().filter(type -> !CONTROL_PLANE_LOG_TYPES.contains(type)).forEach(type ->
                problems.rule(key + "controlPlaneLogTypes", "must be among " + CONTROL_PLANE_LOG_TYPES + ", got '"
                        + type + "'"));
        problems.check(!production || logs.containerLogs() && logs.controlPlaneLogTypes().contains("audit"),
                key.substring(0, key.length() - 1), "must ship container logs and keep the audit log in production");
    }

    private static void checkPrometheus(PrometheusConfig p, Problems problems) {
        String key = OBSERVABILITY + ".prometheus.";
        problems.range(key + "retentionDays", p.retentionDays(), 1, 365);
        // gp3 volumes are 1 GiB to 16 TiB: https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
        problems.range(key + "volumeSizeGib", p.volumeSizeGib(), 1, 16_384);
        // "at most 80-85% of your allocated Prometheus disk space":
        // https://prometheus.io/docs/prometheus/latest/storage/#operational-aspects
        problems.check(p.retentionSizeGib() >= 1 && p.retentionSizeGib() < p.volumeSizeGib(), key + "retentionSizeGib",
                "must be at least 1 and below volumeSizeGib (" + p.volumeSizeGib() + ": the WAL and compaction need "
                        + "room), got " + p.retentionSizeGib());
        WorkloadRules.checkResources(p.resources(), key + "resources", problems);
    }

    private static void checkSlo(SloConfig slo, Problems problems) {
        String key = OBSERVABILITY + ".slo.";
        checkObjective(key + "availabilityPercent", slo.availabilityPercent(), problems);
        checkObjective(key + "latencyPercent", slo.latencyPercent(), problems);
        problems.check(LATENCY_BUCKETS_MS.contains(slo.latencyThresholdMs()), key + "latencyThresholdMs",
                "must be one of the services' latency bucket bounds " + LATENCY_BUCKETS_MS + " ms, got "
                        + slo.latencyThresholdMs());
        problems.range(key + "windowDays", slo.windowDays(), 7, 90);
    }

    private static void checkObjective(String key, double percent, Problems problems) {
        problems.check(percent >= 90 && percent < 100, key,
                "must be at least 90 and below 100 (100% leaves no error budget), got " + percent);
    }

    /**
     * Each field within the bounds of the gateway setting it is handed to (the service refuses the same values);
     * the burst's own lower bound is implied by {@code burst >= rps >= 1}.
     */
    private static void checkGateway(GatewaySettings g, Problems problems) {
        within("rateLimitRps", g.rateLimitRps(), problems);
        problems.check(g.rateLimitBurst() >= g.rateLimitRps(), GATEWAY + ".rateLimitBurst",
                "burst (" + g.rateLimitBurst() + ") must be >= rateLimitRps (" + g.rateLimitRps() + ")");
        within("bodyLimitBytes", g.bodyLimitBytes(), problems);
        within("upstreamConnectTimeoutMs", g.upstreamConnectTimeoutMs(), problems);
        within("upstreamReadTimeoutMs", g.upstreamReadTimeoutMs(), problems);
        within("trustedProxyHops", g.trustedProxyHops(), problems);
    }

    private static void within(String field, long value, Problems problems) {
        Setting setting = GatewaySettings.SERVICE_SETTINGS.get(field);
        problems.check(setting.allows(value), GATEWAY + "." + field, "must be " + setting.range() + ", got " + value);
    }

    private static void checkIngress(IngressConfig ingress, String region, boolean production, Problems problems) {
        ingress.certificateArn().ifPresent(arn -> {
            Matcher m = CERTIFICATE_ARN.matcher(arn);
            problems.check(m.matches(), INGRESS + ".certificateArn",
                    "must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got '" + arn + "'");
            boolean comparable = m.matches() && StackValidator.isRegion(region);
            problems.check(!comparable || m.group(2).equals(region), INGRESS + ".certificateArn",
                    "must be in the stack's region " + region + " (an ALB only uses certificates of its region)");
        });
        problems.check(!production || ingress.tls(), INGRESS + ".certificateArn",
                "must be set in production, or hostedZoneId so the program makes one (the public endpoint must"
                        + " serve HTTPS)");
        ingress.hostedZoneId().ifPresent(zone -> {
            problems.check(HOSTED_ZONE_ID.matcher(zone).matches(), INGRESS + ".hostedZoneId",
                    "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, got '" + zone + "'");
            problems.check(ingress.hostname().isPresent(), INGRESS + ".hostedZoneId",
                    "needs ingress.hostname (the name the record and the certificate are for)");
        });
        ingress.hostname().ifPresent(host -> problems.check(HOSTNAME.matcher(host).matches(),
                INGRESS + ".hostname", "must be a lower-case DNS name such as api.example.com, got '" + host + "'"));
        problems.check(!ingress.allowedSourceCidrs().isEmpty(), INGRESS + ".allowedSourceCidrs",
                "must admit at least one CIDR (0.0.0.0/0 for the whole internet)");
        Cidrs.checkList(ingress.allowedSourceCidrs(), INGRESS + ".allowedSourceCidrs", true, "", problems);
    }
}
