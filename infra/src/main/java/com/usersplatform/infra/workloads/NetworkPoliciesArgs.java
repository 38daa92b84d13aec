package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.usersplatform.infra.args.ComponentArgs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inputs of {@link NetworkPolicies}; build them with {@link #builder()}, all required but the monitoring namespace
 * ({@link ComponentArgs}).
 *
 * @param namespace           the services' namespace
 * @param gateway             the gateway's pod selector and port (3000)
 * @param users               the users service's pod selector and port (3001)
 * @param loadBalancerCidrs   where ALB traffic comes from (target-type ip: the ALB's ENIs in the VPC), e.g. the VPC CIDR
 * @param redisCidrs          where the ElastiCache nodes live (the cache/private subnets' CIDRs)
 * @param redisPort           Redis port (6379)
 * @param monitoringNamespace namespace of the Prometheus that scrapes {@code /metrics}; empty (the default) when
 *                            the stack runs no monitoring (then no scrape rule is opened)
 */
@ComponentArgs
public record NetworkPoliciesArgs(
        Output<String> namespace,
        Endpoint gateway,
        Endpoint users,
        List<String> loadBalancerCidrs,
        List<String> redisCidrs,
        Integer redisPort,
        Optional<String> monitoringNamespace) {

    public NetworkPoliciesArgs {
        loadBalancerCidrs = List.copyOf(loadBalancerCidrs);
        redisCidrs = List.copyOf(redisCidrs);
        if (loadBalancerCidrs.isEmpty() || redisCidrs.isEmpty()) {
            throw new IllegalArgumentException("network policies: load balancer and Redis CIDRs must not be empty");
        }
    }

    /** A workload as a network endpoint: the labels its pods carry and the port it listens on. */
    public record Endpoint(Map<String, String> podSelector, int port) {
    }

    public static NetworkPoliciesArgsBuilder builder() {
        return NetworkPoliciesArgsBuilder.builder();
    }
}
