package com.usersplatform.infra.ingress;

import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetHostedZoneIdArgs;
import com.pulumi.aws.elb.outputs.GetHostedZoneIdResult;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.kubernetes.networking.v1.outputs.IngressLoadBalancerIngress;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The gateway's public entry: an internet-facing ALB (AWS Load Balancer Controller, target type {@code ip} so
 * traffic goes straight to the pods), admitting only the configured client CIDRs, with TLS and an HTTP→HTTPS redirect
 * when a certificate is configured. The ALB health-checks the gateway's readiness endpoint.
 * See https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 */
public final class GatewayIngress extends ComponentResource {
    public static final String INGRESS_CLASS = "alb";
    static final String ANNOTATION = "alb.ingress.kubernetes.io/";
    /** TLS 1.3 and 1.2 only. */
    static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /**
     * The only paths the ALB forwards (Kubernetes {@code Prefix}: {@code /api} matches {@code /api} and
     * {@code /api/...}, not {@code /apix}). Anything else, {@code /metrics} above all (the gateway's metrics are
     * unauthenticated; Prometheus scrapes the pods directly), and any other host name, gets the listener's default
     * action: {@link #NOT_FOUND}.
     */
    public static final List<String> ROUTED_PATHS = List.of("/api", "/health");

    /**
     * The Ingress's default backend: a fixed 404 answered by the ALB itself, with a body in the API's error shape
     * (no request id: no service saw the request) instead of the controller's plain-text one. The controller makes the
     * one default backend of an Ingress group the listener's default action (buildListenerDefaultActions in
     * pkg/ingress/model_build_listener.go of kubernetes-sigs/aws-load-balancer-controller), and a backend whose port
     * is named {@code use-annotation} runs the action of annotation {@code actions.<service name>}
     * (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#actions).
     * The ALB takes status codes 2XX, 4XX or 5XX, content type application/json among five, bodies up to 1024
     * characters (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_FixedResponseActionConfig.html).
     */
    static final String NOT_FOUND = "api-not-found";
    /** The body of {@link #NOT_FOUND}. */
    static final String NOT_FOUND_BODY = StableJson.of(Map.of("error", "not_found",
            "message", "No route here: the API is under /api"));
    static final String NOT_FOUND_ACTION = StableJson.of(Map.of("type", "fixed-response",
            "fixedResponseConfig", Map.of("contentType", "application/json", "statusCode", "404",
                    "messageBody", NOT_FOUND_BODY)));

    /** Public URL of the gateway ({@code https://} with a certificate), once the ALB has a hostname. */
    public final Output<String> url;

    public GatewayIngress(String name, GatewayIngressArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:GatewayIngress", name, options);
        var backend = IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                .name(args.serviceName())
                .port(ServiceBackendPortArgs.builder().number(args.servicePort()).build())
                .build()).build();
        var rule = IngressRuleArgs.builder().http(HTTPIngressRuleValueArgs.builder()
                .paths(ROUTED_PATHS.stream().map(path -> HTTPIngressPathArgs.builder().path(path).pathType("Prefix")
                        .backend(backend).build()).toList())
                .build());
        args.hostname().ifPresent(rule::host);

        var ingress = new Ingress(name, IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("gateway").namespace(args.namespace())
                        .labels(Map.of("app.kubernetes.io/name", "gateway", "app.kubernetes.io/part-of", "users-platform"))
                        .annotations(Output.tuple(optional(args.certificateArn()), optional(args.wafAclArn()))
                                .applyValue(t -> annotations(args, t.t1, t.t2)))
                        .build())
                .spec(IngressSpecArgs.builder().ingressClassName(INGRESS_CLASS).rules(rule.build())
                        .defaultBackend(IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                                .name(NOT_FOUND)
                                .port(ServiceBackendPortArgs.builder().name("use-annotation").build())
                                .build()).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(args.controller()).build());

        String scheme = args.certificateArn().isPresent() ? "https://" : "http://";
        Output<String> albHostname = ingress.status().applyValue(status -> status
                .flatMap(s -> s.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(IngressLoadBalancerIngress::hostname)
                .orElse(""));
        if (args.hostedZoneId().isPresent() && args.hostname().isPresent()) {
            var record = aliasRecord(name, args.hostedZoneId().get(), args.hostname().get(), albHostname);
            this.url = record.fqdn().applyValue(fqdn -> scheme + args.hostname().get());
        } else {
            // Nothing creates a DNS record: the URL that answers is the ALB's own name.
            this.url = albHostname.applyValue(host -> host.isEmpty() ? "" : scheme + host);
        }
        registerOutputs(Map.of("url", url));
    }

    /**
     * The hostname as an alias A record of the ALB. ALBs of a region share one Route 53 zone id, which the
     * provider's {@code aws.elb.getHostedZoneId} knows (the same table as AWS's endpoint list).
     *
     * @see <a href="https://docs.aws.amazon.com/general/latest/gr/elb.html">ELB endpoints and hosted zone ids</a>
     * @see <a href="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-elb-load-balancer.html">Alias to an ELB</a>
     */
    private Record aliasRecord(String name, String zoneId, String hostname, Output<String> albHostname) {
        Output<String> albZoneId = ElbFunctions.getHostedZoneId(GetHostedZoneIdArgs.builder().build(),
                InvokeOptions.builder().parent(this).build()).applyValue(GetHostedZoneIdResult::id);
        return new Record(name + "-alias", RecordArgs.builder()
                .zoneId(zoneId)
                .name(hostname)
                .type("A")
                .aliases(RecordAliasArgs.builder()
                        .name(albHostname)
                        .zoneId(albZoneId)
                        .evaluateTargetHealth(true)
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    private static Output<Optional<String>> optional(Optional<Output<String>> value) {
        return value.map(v -> v.applyValue(Optional::of)).orElseGet(() -> Output.of(Optional.empty()));
    }

    static Map<String, String> annotations(GatewayIngressArgs args, Optional<String> certificateArn,
                                           Optional<String> wafAclArn) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(ANNOTATION + "scheme", "internet-facing");
        annotations.put(ANNOTATION + "target-type", "ip");
        annotations.put(ANNOTATION + "inbound-cidrs", String.join(",", args.allowedSourceCidrs()));
        annotations.put(ANNOTATION + "healthcheck-path", "/health/ready");
        annotations.put(ANNOTATION + "healthcheck-port", "traffic-port");
        // Let in-flight requests finish before a pod leaves the target group (pairs with the pods' preStop sleep).
        annotations.put(ANNOTATION + "target-group-attributes", "deregistration_delay.timeout_seconds=30");
        annotations.put(ANNOTATION + "load-balancer-attributes",
                "routing.http.drop_invalid_header_fields.enabled=true,idle_timeout.timeout_seconds=60");
        annotations.put(ANNOTATION + "actions." + NOT_FOUND, NOT_FOUND_ACTION);
        wafAclArn.ifPresent(arn -> annotations.put(ANNOTATION + "wafv2-acl-arn", arn));
        certificateArn.ifPresentOrElse(arn -> {
            annotations.put(ANNOTATION + "certificate-arn", arn);
            annotations.put(ANNOTATION + "listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]");
            annotations.put(ANNOTATION + "ssl-redirect", "443");
            annotations.put(ANNOTATION + "ssl-policy", SSL_POLICY);
        }, () -> annotations.put(ANNOTATION + "listen-ports", "[{\"HTTP\": 80}]"));
        return annotations;
    }
}
