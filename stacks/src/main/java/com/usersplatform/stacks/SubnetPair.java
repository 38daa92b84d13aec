package com.usersplatform.stacks;

/**
 * The two subnets of one availability zone, as laid out by {@link NetworkConfig#subnetLayout()}.
 *
 * @param azIndex zero-based index into the region's available AZs
 * @param publicCidr public subnet (load balancers, NAT gateways)
 * @param privateCidr private subnet (EKS nodes and pods, ElastiCache)
 */
public record SubnetPair(int azIndex, String publicCidr, String privateCidr) {
}
