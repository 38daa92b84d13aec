package com.usersplatform.stacks;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that describes one stack (environment). Read from {@code Pulumi.<stack>.yaml} by
 * {@link StackConfigLoader}: each component except {@code stack} and {@code awsRegion} is the config key
 * {@code users-platform:<component>}; a key that is absent takes the default from {@link #DEFAULTS}, and so does
 * every absent field inside a section. Lists given in a stack file replace their default; maps are merged over it. Environments differ only through these values (e.g. {@code production}),
 * never through the stack's name.
 *
 * @param stack the Pulumi stack name (from the file name or the Pulumi engine; not a config key)
 * @param awsRegion AWS region of every resource, from the AWS provider's own key {@code aws:region}
 * @param production turns on the production rules: NAT per AZ, Multi-AZ cache with snapshots, at least 2 replicas
 *        per workload, HTTPS on the ingress, no {@code 0.0.0.0/0} among the API endpoint's CIDRs, monitoring on,
 *        recoverable secrets
 * @param owner team that owns the stack; tagged on every AWS resource as {@code owner}
 * @param tags extra tags on every AWS resource ({@code project}, {@code stack} and {@code owner} are always set)
 * @param network VPC, subnets and NAT gateways
 * @param cluster EKS cluster and node group
 * @param cache ElastiCache replication group
 * @param secrets Secrets Manager rotation and recovery
 * @param workloads the gateway's and the users service's Deployments and autoscaling; each memory limit at least
 *                  {@code 256Mi}: the images' JVMs have fixed heaps and peak at ~160 MiB under load
 * @param observability monitoring stack and alert thresholds
 * @param gateway the gateway's rate limits, body limit and API keys
 * @param ingress the public load balancer in front of the gateway
 * @param alerting where alarms and alerts are sent (the stack's SNS topic and its subscriptions)
 * @param waf the AWS WAF web ACL in front of the gateway's load balancer
 * @param delivery the GitHub repository whose workflows deploy the stack (trusted by its CI roles)
 * @param nodeAutoscaling Karpenter's NodePool: instance kinds, purchase options, limits and consolidation
 */
public record StackConfig(
        String stack,
        String awsRegion,
        boolean production,
        String owner,
        Map<String, String> tags,
        NetworkConfig network,
        ClusterConfig cluster,
        CacheConfig cache,
        SecretsConfig secrets,
        WorkloadsConfig workloads,
        ObservabilityConfig observability,
        GatewaySettings gateway,
        IngressConfig ingress,
        AlertingConfig alerting,
        WafConfig waf,
        DeliveryConfig delivery,
        NodeAutoscalingConfig nodeAutoscaling) {

    /** Pulumi project name and config namespace. */
    public static final String PROJECT = "users-platform";

    /** Defaults of every setting: a small, non-production stack in {@code us-east-1}. */
    public static final StackConfig DEFAULTS = new StackConfig("dev", "us-east-1", false, "platform-team", Map.of(),
            NetworkConfig.DEFAULTS, ClusterConfig.DEFAULTS, CacheConfig.DEFAULTS, SecretsConfig.DEFAULTS,
            WorkloadsConfig.DEFAULTS, ObservabilityConfig.DEFAULTS, GatewaySettings.DEFAULTS, IngressConfig.DEFAULTS,
            AlertingConfig.DEFAULTS, WafConfig.DEFAULTS, DeliveryConfig.DEFAULTS,
            NodeAutoscalingConfig.DEFAULTS);

    /** Prefix of this stack's AWS resource names ({@code users-platform-<stack>}); also the EKS cluster's name. */
    public String resourcePrefix() {
        return PROJECT + "-" + stack;
    }

    /** Name of the stack's own ECR repository of {@code service} (where its image is pushed). */
    public String imageRepositoryName(String service) {
        return resourcePrefix() + "/" + service;
    }

    /** {@link #DEFAULTS} for the named stack. */
    public static StackConfig defaults(String stack) {
        StackConfig d = DEFAULTS;
        return new StackConfig(stack, d.awsRegion, d.production, d.owner, d.tags, d.network, d.cluster, d.cache,
                d.secrets, d.workloads, d.observability, d.gateway, d.ingress, d.alerting, d.waf, d.delivery,
                d.nodeAutoscaling);
    }

    public StackConfig {
        Objects.requireNonNull(stack, "stack");
        tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** Tags for every AWS resource, sorted by key: {@link #tags()} plus {@code project}, {@code stack} and {@code owner}. */
    public Map<String, String> resourceTags() {
        Map<String, String> all = new TreeMap<>(tags);
        all.put("project", PROJECT);
        all.put("stack", stack);
        all.put("owner", owner);
        return Collections.unmodifiableMap(all);
    }
}
