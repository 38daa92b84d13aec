package com.usersplatform.infra.ingress;

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

import java.util.Map;
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

    /** Public URL of the gateway ({@code https://} with a certificate), once the ALB has a hostname. */
    public final Output<String> url;

    public GatewayIngress(String name, GatewayIngressArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:GatewayIngress", name, options);
        var rule = IngressRuleArgs.builder().http(HTTPIngressRuleValueArgs.builder()
                .paths(HTTPIngressPathArgs.builder().path("/").pathType("Prefix")
                        .backend(IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                                .name(args.serviceName())
                                .port(ServiceBackendPortArgs.builder().number(args.servicePort()).build())
                                .build()).build())
                        .build())
                .build());
        args.hostname().ifPresent(rule::host);

        var ingress = new Ingress(name, IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("gateway").namespace(args.namespace())
                        .labels(Map.of("app.kubernetes.io/name", "gateway", "app.kubernetes.io/part-of", "users-platform"))
                        .annotations(annotations(args))
                        .build())
                .spec(IngressSpecArgs.builder().ingressClassName(INGRESS_CLASS).rules(rule.build()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(args.controller()).build());

        String scheme = args.certificateArn().isPresent() ? "https://" : "http://";
        this.url = ingress.status().applyValue(status -> status
                .flatMap(s -> s.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(IngressLoadBalancerIngress::hostname)
                .map(host -> scheme + args.hostname().orElse(host))
                .orElse(""));
        registerOutputs(Map.of("url", url));
    }

    static Map<String, String> annotations(GatewayIngressArgs args) {
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
        args.certificateArn().ifPresentOrElse(arn -> {
            annotations.put(ANNOTATION + "certificate-arn", arn);
            annotations.put(ANNOTATION + "listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]");
            annotations.put(ANNOTATION + "ssl-redirect", "443");
            annotations.put(ANNOTATION + "ssl-policy", SSL_POLICY);
        }, () -> annotations.put(ANNOTATION + "listen-ports", "[{\"HTTP\": 80}]"));
        return annotations;
    }
}
