package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.alerting.AlertmanagerDelivery;
import com.usersplatform.infra.kubernetes.CustomObject;
import com.usersplatform.infra.kubernetes.HelmChart;
import com.usersplatform.stacks.PrometheusConfig;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monitoring of the API where the stack enables it: kube-prometheus-stack (Helm, pinned; Prometheus Operator,
 * Prometheus, Alertmanager, Grafana, kube-state-metrics), a ServiceMonitor per service scraping {@code /metrics}, the
 * PrometheusRule with the team's alerts, and the on-call dashboards as ConfigMaps that Grafana's sidecar loads.
 * See https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack
 */
public final class Monitoring extends ComponentResource {
    public static final HelmChart CHART =
            new HelmChart("kube-prometheus-stack", "67.8.0", "https://prometheus-community.github.io/helm-charts");
    public static final String NAMESPACE = "monitoring";
    static final String API_VERSION = "monitoring.coreos.com/v1";
    static final String DASHBOARD_LABEL = "grafana_dashboard";

    /** Namespace Prometheus runs in (the network policies admit scrapes from it). */
    public final String namespace = NAMESPACE;

    public Monitoring(String name, MonitoringArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:Monitoring", name, options);
        Release release = CHART.install(name, NAMESPACE, true, args.alertmanagerConfig().applyValue(
                        alertmanager -> values(args, alertmanager)),
                CustomResourceOptions.builder().parent(this).dependsOn(args.storage().ready()).build());
        var afterOperator = CustomResourceOptions.builder().parent(this).dependsOn(release).build();

        new TreeMap<>(args.services()).forEach((service, selector) ->
                new CustomObject(name + "-" + service, new CustomObject.Args(API_VERSION, "ServiceMonitor",
                        meta(service, args.namespace()), args.namespace().applyValue(ns -> Map.of(
                        "selector", Map.of("matchLabels", selector),
                        "namespaceSelector", Map.of("matchNames", List.of(ns)),
                        "endpoints", List.of(Map.of("port", "http", "path", "/metrics", "interval", "30s",
                                "scrapeTimeout", "10s"))))), afterOperator));

        new CustomObject(name + "-alerts", new CustomObject.Args(API_VERSION, "PrometheusRule",
                meta("users-platform-alerts", args.namespace()),
                args.namespace().applyValue(ns -> AlertRules.spec(ns, args.thresholds()))), afterOperator);

        // One ConfigMap per dashboard, each well under the 1 MiB ConfigMap limit; the API's keeps its original names.
        OnCallDashboards.NAMES.forEach(dashboard -> {
            String file = "users-platform-" + dashboard;
            new ConfigMap(name + ("api".equals(dashboard) ? "" : "-" + dashboard) + "-dashboard", ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(file + "-dashboard").namespace(NAMESPACE)
                            .labels(Map.of(DASHBOARD_LABEL, "1", "app.kubernetes.io/part-of", "users-platform")).build())
                    .data(args.namespace().applyValue(ns -> Map.of(file + ".json",
                            OnCallDashboards.json(dashboard, ns, args.region()))))
                    .build(), afterOperator);
        });
        registerOutputs(Map.of("namespace", Output.of(NAMESPACE)));
    }

    /**
     * Prometheus selects every ServiceMonitor and rule in the cluster (not only the chart's own), Grafana's sidecar
     * loads every ConfigMap labelled {@code grafana_dashboard=1}.
     */
    private static Map<String, Object> values(MonitoringArgs args, Map<String, Object> alertmanagerConfig) {
        PrometheusConfig p = args.prometheus();
        return Map.of(
                // EKS runs the controller manager, scheduler and etcd out of reach of the cluster: their scrape
                // targets never come up, so the chart's scrapes and their default rules would alert forever.
                // Keys of the chart's values.yaml at the pinned version:
                // https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-67.8.0/charts/kube-prometheus-stack/values.yaml
                "kubeControllerManager", Map.of("enabled", false),
                "kubeScheduler", Map.of("enabled", false),
                "kubeEtcd", Map.of("enabled", false),
                "defaultRules", Map.of("rules", Map.of("kubeControllerManager", false,
                        "kubeSchedulerAlerting", false, "kubeSchedulerRecording", false, "etcd", false)),
                "prometheus", Map.of("prometheusSpec", Map.of(
                        // Keeps the trace ids the services attach to latency buckets (OpenMetrics exemplars):
                        // https://prometheus.io/docs/prometheus/latest/feature_flags/#exemplars-storage
                        "enableFeatures", List.of("exemplar-storage"),
                        "replicas", args.prometheusReplicas(),
                        "retention", p.retentionDays() + "d",
                        // Prometheus's operator ByteSize accepts GiB; blocks beyond it are dropped oldest first:
                        // https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ByteSize
                        "retentionSize", p.retentionSizeGib() + "GiB",
                        "resources", Map.of(
                                "requests", Map.of("cpu", p.resources().requests().cpu(),
                                        "memory", p.resources().requests().memory()),
                                "limits", Map.of("cpu", p.resources().limits().cpu(),
                                        "memory", p.resources().limits().memory())),
                        // One ReadWriteOnce volume per replica from the chart's volumeClaimTemplate.
                        "storageSpec", Map.of("volumeClaimTemplate", Map.of("spec", Map.of(
                                "storageClassName", args.storage().storageClass(),
                                "accessModes", List.of("ReadWriteOnce"),
                                "resources", Map.of("requests", Map.of("storage", p.volumeSizeGib() + "Gi"))))),
                        "serviceMonitorSelectorNilUsesHelmValues", false,
                        "podMonitorSelectorNilUsesHelmValues", false,
                        "ruleSelectorNilUsesHelmValues", false)),
                // An empty admin password makes the Grafana chart generate a random one into its Secret instead of
                // kube-prometheus-stack's well-known default.
                "grafana", Map.of("adminPassword", "", "sidecar", Map.of("dashboards", Map.of(
                        "enabled", true, "label", DASHBOARD_LABEL, "labelValue", "1", "searchNamespace", "ALL")),
                        "additionalDataSources", List.of(cloudWatchDataSource(args.region())),
                        // Named so that GrafanaCloudWatchReader's Pod Identity association can name it (the Grafana
                        // chart's serviceAccount.name defaults to the release's full name).
                        "serviceAccount", Map.of("create", true, "name", GrafanaCloudWatchReader.SERVICE_ACCOUNT)),
                // The chart's alertmanager.config replaces its default (everything to a "null" receiver); the
                // service account is named so that its Pod Identity association can name it.
                "alertmanager", Map.of("enabled", true, "config", alertmanagerConfig,
                        "serviceAccount", Map.of("create", true, "name", AlertmanagerDelivery.SERVICE_ACCOUNT)));
    }

    /**
     * The CloudWatch data source of the ElastiCache and WAF panels, in the stack's region, authenticated by the AWS
     * SDK's default chain ({@code authType: default}, no keys in the config).
     *
     * @see <a href="https://grafana.com/docs/grafana/v9.2/datasources/aws-cloudwatch/provision-cloudwatch/">Provision
     *      the CloudWatch data source</a>
     * @see <a href="https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-67.8.0/charts/kube-prometheus-stack/values.yaml">chart
     *      values: grafana.additionalDataSources</a>
     */
    static Map<String, Object> cloudWatchDataSource(String region) {
        return Map.of("name", "CloudWatch", "type", "cloudwatch", "uid", DashboardJson.CLOUDWATCH.get("uid"),
                "access", "proxy", "jsonData", Map.of("authType", "default", "defaultRegion", region));
    }

    private static ObjectMetaArgs meta(String objectName, Output<String> namespace) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespace)
                .labels(Map.of("app.kubernetes.io/part-of", "users-platform")).build();
    }
}
