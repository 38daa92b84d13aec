package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.kubernetes.Labels;

import java.util.List;
import java.util.Map;

/**
 * Zero-trust traffic rules for the services' namespace (enforced by the VPC CNI's network policy agent): deny all
 * ingress and egress, then open exactly gateway←load balancer, gateway→users, users→Redis, DNS to kube-dns and
 * Prometheus scraping from the monitoring namespace.
 */
public final class NetworkPolicies extends ComponentResource {
    static final String DEFAULT_DENY = "default-deny-all";
    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final NetworkPoliciesArgs args;
    private final CustomResourceOptions child;

    public NetworkPolicies(String name, NetworkPoliciesArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:NetworkPolicies", name, options);
        this.args = args;
        this.child = CustomResourceOptions.builder().parent(this).build();
        var gateway = args.gateway();
        var users = args.users();

        policy(name, DEFAULT_DENY, Map.of(), List.of(), List.of());
        policy(name, "allow-dns", Map.of(), List.of(), List.of(egress(
                NetworkPolicyPeerArgs.builder()
                        .namespaceSelector(labels(Map.of(NAMESPACE_NAME_LABEL, "kube-system")))
                        .podSelector(labels(Map.of("k8s-app", "kube-dns")))
                        .build(),
                port("UDP", 53), port("TCP", 53))));
        policy(name, "gateway-from-load-balancer", gateway.podSelector(),
                List.of(ingress(ipBlocks(args.loadBalancerCidrs()), port("TCP", gateway.port()))), List.of());
        policy(name, "gateway-to-users", gateway.podSelector(), List.of(),
                List.of(egress(pods(users.podSelector()), port("TCP", users.port()))));
        policy(name, "users-from-gateway", users.podSelector(),
                List.of(ingress(List.of(pods(gateway.podSelector())), port("TCP", users.port()))), List.of());
        policy(name, "users-to-redis", users.podSelector(), List.of(),
                List.of(egress(ipBlocks(args.redisCidrs()), port("TCP", args.redisPort()))));
        if (args.monitoringNamespace().isPresent()) {
            var prometheus = NetworkPolicyPeerArgs.builder()
                    .namespaceSelector(labels(Map.of(NAMESPACE_NAME_LABEL, args.monitoringNamespace().get())))
                    .podSelector(labels(Map.of("app.kubernetes.io/name", "prometheus")))
                    .build();
            policy(name, "gateway-metrics-from-prometheus", gateway.podSelector(),
                    List.of(ingress(List.of(prometheus), port("TCP", gateway.port()))), List.of());
            policy(name, "users-metrics-from-prometheus", users.podSelector(),
                    List.of(ingress(List.of(prometheus), port("TCP", users.port()))), List.of());
        }
        registerOutputs(Map.of());
    }

    private void policy(String prefix, String policyName, Map<String, String> podSelector,
                        List<NetworkPolicyIngressRuleArgs> ingress, List<NetworkPolicyEgressRuleArgs> egress) {
        create(prefix + "-" + policyName, policyName, args.namespace(), podSelector, ingress, egress, child);
    }

    /**
     * One NetworkPolicy of the namespace, labelled part of the platform. An empty pod selector selects every pod of
     * the namespace; an empty rule list denies that direction.
     */
    public static NetworkPolicy create(String resourceName, String policyName, Output<String> namespace,
                                       Map<String, String> podSelector, List<NetworkPolicyIngressRuleArgs> ingress,
                                       List<NetworkPolicyEgressRuleArgs> egress, CustomResourceOptions options) {
        var spec = NetworkPolicySpecArgs.builder()
                .podSelector(labels(podSelector))
                .policyTypes(policyTypes(ingress, egress));
        if (!ingress.isEmpty()) {
            spec.ingress(ingress);
        }
        if (!egress.isEmpty()) {
            spec.egress(egress);
        }
        return new NetworkPolicy(resourceName, NetworkPolicyArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(policyName).namespace(namespace)
                        .labels(Map.of("app.kubernetes.io/part-of", Labels.PART_OF)).build())
                .spec(spec.build())
                .build(), options);
    }

    /**
     * The default-deny policy covers both directions; an allow policy names only the direction it opens, so it
     * never denies by accident what another policy allows.
     */
    private static List<String> policyTypes(List<NetworkPolicyIngressRuleArgs> ingress,
                                            List<NetworkPolicyEgressRuleArgs> egress) {
        if (ingress.isEmpty() && egress.isEmpty()) {
            return List.of("Ingress", "Egress");
        }
        return ingress.isEmpty() ? List.of("Egress") : List.of("Ingress");
    }

    private static NetworkPolicyIngressRuleArgs ingress(List<NetworkPolicyPeerArgs> from, NetworkPolicyPortArgs... ports) {
        return NetworkPolicyIngressRuleArgs.builder().from(from).ports(ports).build();
    }

    private static NetworkPolicyEgressRuleArgs egress(List<NetworkPolicyPeerArgs> to, NetworkPolicyPortArgs... ports) {
        return NetworkPolicyEgressRuleArgs.builder().to(to).ports(ports).build();
    }

    private static NetworkPolicyEgressRuleArgs egress(NetworkPolicyPeerArgs to, NetworkPolicyPortArgs... ports) {
        return egress(List.of(to), ports);
    }

    private static List<NetworkPolicyPeerArgs> ipBlocks(List<String> cidrs) {
        return cidrs.stream().map(cidr -> NetworkPolicyPeerArgs.builder()
                .ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build()).toList();
    }

    private static NetworkPolicyPeerArgs pods(Map<String, String> selector) {
        return NetworkPolicyPeerArgs.builder().podSelector(labels(selector)).build();
    }

    private static NetworkPolicyPortArgs port(String protocol, int port) {
        return NetworkPolicyPortArgs.builder().protocol(protocol).port(port).build();
    }

    private static LabelSelectorArgs labels(Map<String, String> matchLabels) {
        return LabelSelectorArgs.builder().matchLabels(matchLabels).build();
    }
}
