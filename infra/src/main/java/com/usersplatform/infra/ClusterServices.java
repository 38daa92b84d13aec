package com.usersplatform.infra;

import com.usersplatform.contract.CommonContract;
import com.usersplatform.contract.GatewayContract;
import com.usersplatform.contract.UsersContract;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.usersplatform.infra.ingress.GatewayIngress;
import com.usersplatform.infra.ingress.GatewayIngressArgs;
import com.usersplatform.infra.ingress.LoadBalancerController;
import com.usersplatform.infra.ingress.LoadBalancerControllerArgs;
import com.usersplatform.infra.ingress.PublicCertificate;
import com.usersplatform.infra.observability.Monitoring;
import com.usersplatform.infra.observability.MonitoringArgs;
import com.usersplatform.infra.observability.TraceCollector;
import com.usersplatform.infra.observability.TraceCollectorArgs;
import com.usersplatform.infra.secretdelivery.SecretDelivery;
import com.usersplatform.infra.secretdelivery.SecretDeliveryArgs;
import com.usersplatform.infra.workloads.AppNamespace;
import com.usersplatform.infra.workloads.EncryptedStorageClass;
import com.usersplatform.infra.workloads.MetricsServer;
import com.usersplatform.infra.workloads.NetworkPolicies;
import com.usersplatform.infra.workloads.NetworkPoliciesArgs;
import com.usersplatform.infra.workloads.Workload;
import com.usersplatform.infra.workloads.WorkloadArgs;
import com.usersplatform.stacks.SubnetPair;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.WorkloadConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the two services need in the cluster, built from the stack's records: namespace, secret delivery,
 * metrics-server (for the HPAs), load balancer controller and Ingress, both workloads, network policies and (where
 * enabled) monitoring. Pass the
 * EKS cluster's Kubernetes provider and the stack's AWS provider in the options' {@code providers}; every child
 * inherits them.
 */
public final class ClusterServices extends ComponentResource {
    public static final String NAMESPACE = "users-platform";
    public static final int GATEWAY_PORT = 3000;
    public static final int USERS_PORT = 3001;
    private static final WorkloadArgs.Lifecycle LIFECYCLE = new WorkloadArgs.Lifecycle(10, 45);

    /** Public URL of the gateway (empty until the ALB has a hostname). */
    public final Output<String> gatewayUrl;
    /** The services' namespace. */
    public final Output<String> namespace;

    public ClusterServices(String name, ClusterServicesArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:ClusterServices", name, options);
        StackConfig stack = args.stack();
        var child = ComponentResourceOptions.builder().parent(this).build();
        int controllerReplicas = stack.production() ? 2 : 1;
        var namespaceComponent = new AppNamespace(name + "-namespace", new AppNamespace.Args(NAMESPACE), child);
        this.namespace = namespaceComponent.name;

        var secrets = new SecretDelivery(name + "-secrets", SecretDeliveryArgs.builder().namespace(namespace)
                .region(stack.awsRegion()).redisSecretArn(args.redisSecretArn())
                .apiKeysSecretArn(args.apiKeysSecretArn()).operatorNamespace(args.secretReaderNamespace())
                .operatorServiceAccount(args.secretReaderAccount()).operatorIdentity(args.secretReaderIdentity())
                .operatorReplicas(controllerReplicas).build(), child);

        new MetricsServer(name + "-metrics-server", controllerReplicas, child);
        // Before the workloads: its pod webhook injects the readiness gate into their pods (AppNamespace).
        var controller = new LoadBalancerController(name + "-alb-controller", new LoadBalancerControllerArgs(
                args.clusterName(), args.vpcId(), stack.awsRegion(), controllerReplicas), child);
        var users = new Workload(name + "-users", workload(stack, args, "users", stack.workloads().users(), USERS_PORT,
                usersConfig(stack, args), secrets.redisCredentials), List.of(secrets.redisCredentialsSync, controller.release),
                child);
        var gateway = new Workload(name + "-gateway", workload(stack, args, "gateway", stack.workloads().gateway(),
                GATEWAY_PORT, gatewayConfig(stack), secrets.apiKeys), List.of(secrets.apiKeysSync, controller.release), child);

        var storage = new EncryptedStorageClass(name + "-gp3", args.kmsKeyArn(), args.storageDriver(), this);
        Monitoring monitoring = null;
        if (stack.observability().monitoringStack()) {
            var o = stack.observability();
            monitoring = new Monitoring(name + "-monitoring", MonitoringArgs.builder().namespace(namespace)
                    .services(Map.of("gateway", gateway.podSelector, "users", users.podSelector))
                    .thresholds(new MonitoringArgs.AlertThresholds(o.errorRateThresholdPercent() / 100,
                            o.p99LatencyThresholdMs() / 1000.0, o.restartThreshold(), o.slo()))
                    .prometheusReplicas(controllerReplicas).prometheus(o.prometheus())
                    .storage(new MonitoringArgs.Storage(EncryptedStorageClass.NAME,
                            List.of(storage.resource, args.storageDriver())))
                    .alertmanagerConfig(args.alertmanagerConfig().orElseThrow(
                            () -> new IllegalStateException("the monitoring stack needs Alertmanager's delivery")))
                    .region(stack.awsRegion()).build(),
                    child);
        }

        if (stack.observability().tracing().enabled()) {
            new TraceCollector(name + "-tracing", new TraceCollectorArgs(NAMESPACE, namespaceComponent,
                    args.clusterName(), stack.awsRegion(), Map.of("gateway", gateway.podSelector,
                    "users", users.podSelector), controllerReplicas), child);
        }

        List<SubnetPair> subnets = stack.network().subnetLayout();
        new NetworkPolicies(name + "-netpol", NetworkPoliciesArgs.builder().namespace(namespace)
                .gateway(new NetworkPoliciesArgs.Endpoint(gateway.podSelector, GATEWAY_PORT))
                .users(new NetworkPoliciesArgs.Endpoint(users.podSelector, USERS_PORT))
                .loadBalancerCidrs(subnets.stream().map(SubnetPair::publicCidr).toList())
                .redisCidrs(subnets.stream().map(SubnetPair::privateCidr).toList()).redisPort(args.redisPort())
                .monitoringNamespace(Optional.ofNullable(monitoring).map(m -> m.namespace)).build(), child);

        var edge = stack.ingress();
        Optional<Output<String>> certificate = edge.certificateArn().map(Output::of);
        if (certificate.isEmpty() && edge.hostedZoneId().isPresent()) {
            certificate = Optional.of(new PublicCertificate(name + "-certificate", edge.hostname().orElseThrow(),
                    edge.hostedZoneId().get(), child).arn);
        }
        var ingress = new GatewayIngress(name + "-ingress", GatewayIngressArgs.builder().namespace(namespace)
                .serviceName(gateway.serviceName).servicePort(GATEWAY_PORT).certificateArn(certificate)
                .hostname(edge.hostname()).allowedSourceCidrs(edge.allowedSourceCidrs())
                .controller(controller.release).hostedZoneId(edge.hostedZoneId()).wafAclArn(args.wafAclArn()).build(),
                child);

        this.gatewayUrl = ingress.url;
        registerOutputs(Map.of("gatewayUrl", gatewayUrl, "namespace", namespace));
    }

    private WorkloadArgs workload(StackConfig stack, ClusterServicesArgs args, String service, WorkloadConfig config,
                                  int port,
                                  Output<Map<String, String>> env, WorkloadArgs.SecretFile secretFile) {
        // The stack's own ECR repository unless the stack names another registry.
        Output<String> repository = config.image().repository().map(Output::of)
                .orElseGet(() -> args.imageRepositories().get(service));
        return WorkloadArgs.builder().name(service).namespace(namespace)
                .image(WorkloadArgs.pinnedImage(service, repository, config.image())).port(port)
                .resources(config.resources()).autoscaling(config.autoscaling()).config(env).secretFile(secretFile)
                .lifecycle(LIFECYCLE).build();
    }

    /** The users service's non-secret settings (the service's configuration contract); credentials come from the mounted file. */
    private static Output<Map<String, String>> usersConfig(StackConfig stack, ClusterServicesArgs args) {
        return args.redisHost().applyValue(host -> {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(UsersContract.SERVER_PORT.env(), Integer.toString(USERS_PORT));
            env.put(UsersContract.REDIS_HOST.env(), host);
            env.put(UsersContract.REDIS_PORT.env(), Integer.toString(args.redisPort()));
            // ElastiCache has in-transit encryption on; the JDK trust store knows its CA.
            env.put(UsersContract.REDIS_TLS.env(), "true");
            env.put(CommonContract.SERVICE_VERSION.env(), stack.workloads().users().image().tag());
            env.putAll(tracingConfig(stack));
            return env;
        });
    }

    /** The gateway's non-secret settings; it reaches users through the ClusterIP Service. */
    private static Output<Map<String, String>> gatewayConfig(StackConfig stack) {
        var g = stack.gateway();
        Map<String, String> env = new LinkedHashMap<>();
        env.put(GatewayContract.SERVER_PORT.env(), Integer.toString(GATEWAY_PORT));
        env.put(GatewayContract.USERS_URL.env(), "http://users." + NAMESPACE + ".svc.cluster.local:" + USERS_PORT);
        env.put(GatewayContract.RATE_LIMIT_RPS.env(), Integer.toString(g.rateLimitRps()));
        env.put(GatewayContract.RATE_LIMIT_BURST.env(), Integer.toString(g.rateLimitBurst()));
        env.put(GatewayContract.RATE_LIMIT_TRUSTED_HOPS.env(), Integer.toString(g.trustedProxyHops()));
        env.put(CommonContract.BODY_LIMIT_BYTES.env(), Integer.toString(g.bodyLimitBytes()));
        env.put(GatewayContract.UPSTREAM_CONNECT_TIMEOUT_MS.env(), Integer.toString(g.upstreamConnectTimeoutMs()));
        env.put(GatewayContract.UPSTREAM_READ_TIMEOUT_MS.env(), Integer.toString(g.upstreamReadTimeoutMs()));
        env.put(CommonContract.SERVICE_VERSION.env(), stack.workloads().gateway().image().tag());
        env.putAll(tracingConfig(stack));
        return Output.of(env);
    }

    /** Both services export spans to the in-cluster collector, sampling the stack's ratio (gateway decides). */
    private static Map<String, String> tracingConfig(StackConfig stack) {
        var tracing = stack.observability().tracing();
        if (!tracing.enabled()) {
            return Map.of();
        }
        return Map.of(CommonContract.TRACING_OTLP_ENDPOINT.env(), TraceCollector.endpoint(NAMESPACE),
                CommonContract.TRACING_SAMPLING_RATIO.env(), Double.toString(tracing.samplingRatio()));
    }
}
