package com.usersplatform.stacks;

import java.util.ArrayList;
import java.util.List;

/**
 * VPC of a stack. Subnets are carved from {@code cidr}: first one private subnet per AZ, then one public subnet
 * per AZ, each aligned to its size (see {@link #subnetLayout()}).
 *
 * @param cidr VPC IPv4 block; AWS allows prefix lengths /16 to /28
 * @param azCount availability zones used, each with a public and a private subnet; at least 2 (EKS and
 *        Multi-AZ ElastiCache need two), at most 6
 * @param natGateways egress of the private subnets: {@code single} NAT gateway or one {@code perAz}
 * @param privateSubnetPrefixLength prefix length of each private subnet; pods take VPC addresses (vpc-cni),
 *        so keep these large
 * @param publicSubnetPrefixLength prefix length of each public subnet (load balancers and NAT gateways only)
 * @param flowLogs record the VPC's accepted and rejected traffic (VPC flow logs) to CloudWatch Logs, encrypted with
 *        the stack's key; required in production
 * @param flowLogRetentionDays retention of the flow log group, days; one of CloudWatch Logs' retention periods
 * @param endpoints VPC endpoints: an S3 gateway endpoint and interface endpoints for ECR (api, dkr), STS, Secrets
 *        Manager and CloudWatch Logs, so that traffic stays off the NAT gateways (about $7 a month per interface
 *        endpoint and AZ)
 */
public record NetworkConfig(
        String cidr,
        int azCount,
        NatGateways natGateways,
        int privateSubnetPrefixLength,
        int publicSubnetPrefixLength,
        boolean flowLogs,
        int flowLogRetentionDays,
        boolean endpoints) {

    /**
     * Defaults: a /16 over 2 AZs with one NAT gateway, /19 private and /24 public subnets; flow logs kept 14 days;
     * no interface endpoints (their hourly charge exceeds a small stack's NAT traffic).
     */
    public static final NetworkConfig DEFAULTS =
            new NetworkConfig("10.0.0.0/16", 2, NatGateways.SINGLE, 19, 24, true, 14, false);

    /** A layout with the default flow logs and endpoints. */
    public NetworkConfig(String cidr, int azCount, NatGateways natGateways, int privateSubnetPrefixLength,
                         int publicSubnetPrefixLength) {
        this(cidr, azCount, natGateways, privateSubnetPrefixLength, publicSubnetPrefixLength, true, 14, false);
    }

    /** Addresses the layout needs: {@code azCount} private plus {@code azCount} public subnets. */
    public long requiredAddresses() {
        return azCount * ((1L << (32 - privateSubnetPrefixLength)) + (1L << (32 - publicSubnetPrefixLength)));
    }

    /**
     * The subnets per AZ: private subnets first, then public ones, packed from the start of the VPC block.
     * Only call on a validated config (the layout then fits the VPC CIDR).
     */
    public List<SubnetPair> subnetLayout() {
        Cidr vpc = Cidr.parse(cidr).orElseThrow(() -> new IllegalStateException("invalid VPC CIDR " + cidr));
        long privateSize = 1L << (32 - privateSubnetPrefixLength);
        long publicSize = 1L << (32 - publicSubnetPrefixLength);
        // Larger blocks first keeps every block aligned to its own size.
        boolean privateFirst = privateSize >= publicSize;
        long firstSize = privateFirst ? privateSize : publicSize;
        long secondBase = azCount * firstSize;
        List<SubnetPair> pairs = new ArrayList<>(azCount);
        for (int az = 0; az < azCount; az++) {
            Cidr privateBlock = privateFirst
                    ? vpc.block(az * privateSize, privateSubnetPrefixLength)
                    : vpc.block(secondBase + az * privateSize, privateSubnetPrefixLength);
            Cidr publicBlock = privateFirst
                    ? vpc.block(secondBase + az * publicSize, publicSubnetPrefixLength)
                    : vpc.block(az * publicSize, publicSubnetPrefixLength);
            pairs.add(new SubnetPair(az, publicBlock.toString(), privateBlock.toString()));
        }
        return List.copyOf(pairs);
    }

    /** Number of NAT gateways to create. */
    public int natGatewayCount() {
        return natGateways == NatGateways.PER_AZ ? azCount : 1;
    }
}
