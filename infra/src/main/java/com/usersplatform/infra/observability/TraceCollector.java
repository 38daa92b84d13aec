package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.PodIdentityRole;
import com.usersplatform.infra.security.PolicyDocument;
import com.usersplatform.infra.kubernetes.HelmChart;
import com.usersplatform.infra.kubernetes.Labels;
import com.usersplatform.infra.workloads.NetworkPolicies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-cluster trace collector: the OpenTelemetry Collector (contrib distribution, Helm chart pinned) receiving
 * OTLP from the gateway and users and exporting to AWS X-Ray, with its own IAM role through EKS Pod Identity that may
 * only write trace segments, and NetworkPolicies for exactly that flow: services → collector on 4317/4318,
 * collector → X-Ray over HTTPS, collector → the node's Pod Identity agent.
 *
 * @see <a href="https://github.com/open-telemetry/opentelemetry-helm-charts/tree/opentelemetry-collector-0.170.0/charts/opentelemetry-collector">chart 0.170.0 (values.yaml, values.schema.json, templates/_helpers.tpl)</a>
 * @see <a href="https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/exporter/awsxrayexporter">awsxray exporter</a>
 */
public final class TraceCollector extends ComponentResource {
    /** Chart {@code opentelemetry-collector} 0.170.0 (collector 0.158.0); the release is named after the chart. */
    public static final HelmChart CHART = new HelmChart("opentelemetry-collector", "0.170.0",
            "https://open-telemetry.github.io/opentelemetry-helm-charts");
    /** OTLP/gRPC and OTLP/HTTP, the chart's {@code ports.otlp} and {@code ports.otlp-http}. */
    public static final int OTLP_GRPC_PORT = 4317;
    public static final int OTLP_HTTP_PORT = 4318;
    /** The service account the chart creates; the Pod Identity association names it. */
    public static final String SERVICE_ACCOUNT = "trace-collector";
    /**
     * The chart's selector labels: {@code app.kubernetes.io/name} is the chart name, {@code app.kubernetes.io/instance}
     * the release name (templates/_helpers.tpl, "opentelemetry-collector.selectorLabels").
     */
    public static final Map<String, String> POD_LABELS = Map.of(
            Labels.NAME, CHART.name(), "app.kubernetes.io/instance", CHART.name());
    /**
     * The EKS Pod Identity agent on each node, where the SDK fetches the role's credentials (IPv4, port 80):
     * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html
     */
    static final String POD_IDENTITY_AGENT_CIDR = "169.254.170.23/32";
    /**
     * X-Ray's API has no VPC endpoint in this VPC: the collector reaches {@code xray.<region>.amazonaws.com} over
     * HTTPS through the NAT gateways, and a NetworkPolicy cannot name a DNS host, so HTTPS to any address is opened.
     */
    static final String ANY_ADDRESS = "0.0.0.0/0";

    /** In-cluster URL the services send spans to (OTLP/HTTP). */
    public final String otlpHttpEndpoint;

    public TraceCollector(String name, TraceCollectorArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:TraceCollector", name, options);
        var child = CustomResourceOptions.builder().parent(this).dependsOn(args.namespaceResource()).build();

        // Least privilege: the exporter only calls PutTraceSegments (its own telemetry, PutTelemetryRecords, is off
        // by default), a subset of the AWS-managed AWSXrayWriteOnlyAccess
        // (https://docs.aws.amazon.com/xray/latest/devguide/security_iam_id-based-policy-examples.html#xray-permissions-managedpolicies).
        // X-Ray actions take no resource ARNs, so the resource is "*"
        // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html).
        var identity = new PodIdentityRole(name, args.clusterName(), args.namespace(), SERVICE_ACCOUNT,
                new PolicyDocument().allow("WriteTraceSegments", List.of("xray:PutTraceSegments"),
                        List.of(Output.of("*"))), this, child).association;

        // The association exists before the pods start, so their first credential request succeeds.
        CHART.install(name, args.namespace(), false, Output.of(values(args)), CustomResourceOptions.builder()
                .parent(this).dependsOn(identity, args.namespaceResource()).build());

        var senders = new TreeMap<>(args.senders());
        var otlpPorts = new NetworkPolicyPortArgs[] {port("TCP", OTLP_GRPC_PORT), port("TCP", OTLP_HTTP_PORT)};
        senders.forEach((service, selector) -> policy(name, args, child, service + "-to-trace-collector", selector,
                List.of(), List.of(NetworkPolicyEgressRuleArgs.builder().to(pods(POD_LABELS)).ports(otlpPorts).build())));
        policy(name, args, child, "trace-collector-from-services", POD_LABELS,
                List.of(NetworkPolicyIngressRuleArgs.builder()
                        .from(senders.values().stream().map(TraceCollector::pods).toList())
                        .ports(otlpPorts).build()), List.of());
        policy(name, args, child, "trace-collector-to-aws", POD_LABELS, List.of(), List.of(
                NetworkPolicyEgressRuleArgs.builder().to(cidr(ANY_ADDRESS)).ports(port("TCP", 443)).build(),
                NetworkPolicyEgressRuleArgs.builder().to(cidr(POD_IDENTITY_AGENT_CIDR)).ports(port("TCP", 80)).build()));

        this.otlpHttpEndpoint = endpoint(args.namespace());
        registerOutputs(Map.of("otlpHttpEndpoint", Output.of(otlpHttpEndpoint)));
    }

    /**
     * Chart values (chart 0.170.0 values.yaml): a Deployment of the contrib image (it has the awsxray exporter) whose
     * whole configuration is {@code alternateConfig}, which the chart does not merge with its defaults (the default
     * {@code config} adds Jaeger, Zipkin and Prometheus receivers and debug pipelines, removable only with nulls,
     * and the Pulumi SDK drops null map values). One traces pipeline: OTLP → memory_limiter → batch → awsxray, plus
     * the health_check extension the chart's probes need. The exporter's {@code exporter.awsxray.skiptimestampvalidation}
     * gate (Beta, so on) lets W3C random trace ids through; X-Ray accepts them
     * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-traces.html).
     */
    static Map<String, Object> values(TraceCollectorArgs args) {
        Map<String, Object> otlp = Map.of("protocols", Map.of(
                "grpc", Map.of("endpoint", "${env:MY_POD_IP}:" + OTLP_GRPC_PORT),
                "http", Map.of("endpoint", "${env:MY_POD_IP}:" + OTLP_HTTP_PORT)));
        Map<String, Object> config = Map.of(
                "extensions", Map.of("health_check", Map.of("endpoint", "${env:MY_POD_IP}:13133")),
                "receivers", Map.of("otlp", otlp),
                // memory_limiter's percentages apply to resources.limits.memory (values.yaml defaults).
                "processors", Map.of("batch", Map.of(), "memory_limiter", Map.of("check_interval", "5s",
                        "limit_percentage", 80, "spike_limit_percentage", 25)),
                "exporters", Map.of("awsxray", Map.of("region", args.region())),
                "service", Map.of("extensions", List.of("health_check"), "pipelines", Map.of("traces", Map.of(
                        "receivers", List.of("otlp"), "processors", List.of("memory_limiter", "batch"),
                        "exporters", List.of("awsxray")))));
        Map<String, Object> ports = new LinkedHashMap<>();
        for (String unused : List.of("jaeger-compact", "jaeger-thrift", "jaeger-grpc", "zipkin")) {
            ports.put(unused, Map.of("enabled", false));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("mode", "deployment");
        values.put("image", Map.of("repository", "otel/opentelemetry-collector-contrib"));
        values.put("command", Map.of("name", "otelcol-contrib"));
        values.put("replicaCount", args.replicas());
        values.put("serviceAccount", Map.of("create", true, "name", SERVICE_ACCOUNT));
        values.put("ports", ports);
        values.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi"),
                "limits", Map.of("memory", "512Mi")));
        values.put("securityContext", Map.of("runAsNonRoot", true, "allowPrivilegeEscalation", false,
                "readOnlyRootFilesystem", true, "capabilities", Map.of("drop", List.of("ALL"))));
        values.put("alternateConfig", config);
        return values;
    }

    /** The chart's Service is named after the release (its fullname when the release name contains the chart's). */
    public static String endpoint(String namespace) {
        return "http://" + CHART.name() + "." + namespace + ".svc.cluster.local:" + OTLP_HTTP_PORT;
    }

    private static void policy(String prefix, TraceCollectorArgs args, CustomResourceOptions options,
                               String policyName, Map<String, String> podSelector,
                               List<NetworkPolicyIngressRuleArgs> ingress, List<NetworkPolicyEgressRuleArgs> egress) {
        NetworkPolicies.create(prefix + "-" + policyName, policyName, Output.of(args.namespace()), podSelector,
                ingress, egress, options);
    }

    private static NetworkPolicyPeerArgs pods(Map<String, String> selector) {
        return NetworkPolicyPeerArgs.builder()
                .podSelector(LabelSelectorArgs.builder().matchLabels(selector).build()).build();
    }

    private static NetworkPolicyPeerArgs cidr(String cidr) {
        return NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build();
    }

    private static NetworkPolicyPortArgs port(String protocol, int port) {
        return NetworkPolicyPortArgs.builder().protocol(protocol).port(port).build();
    }
}
