package com.usersplatform.stacks;

import java.util.Optional;

/** Rules of {@code users-platform:network}: VPC CIDR, AZs, NAT, and a subnet layout that fits. */
final class NetworkRules {

    private static final String PATH = StackValidator.PREFIX + "network";
    /** AWS's smallest subnet. */
    private static final int SMALLEST_SUBNET = 28;

    private NetworkRules() {
    }

    static void check(NetworkConfig network, boolean production, Problems problems) {
        problems.check(network.azCount() >= 2, PATH + ".azCount",
                "must be at least 2 (EKS and a Multi-AZ cache need two AZs), got " + network.azCount());
        problems.check(network.azCount() <= 6, PATH + ".azCount", "must be at most 6, got " + network.azCount());
        problems.check(!production || network.natGateways() == NatGateways.PER_AZ, PATH + ".natGateways",
                "must be perAz in production (egress must survive the loss of one AZ)");
        problems.check(!production || network.flowLogs(), PATH + ".flowLogs",
                "must be true in production (traffic records for incident response)");
        LogRetention.check(PATH + ".flowLogRetentionDays", network.flowLogRetentionDays(), problems);
        Optional<Cidr> vpc = Cidr.parse(network.cidr());
        if (vpc.isEmpty()) {
            problems.rule(PATH + ".cidr", "must be an IPv4 CIDR block without host bits, such as 10.0.0.0/16, got '"
                    + network.cidr() + "'");
            return;
        }
        int vpcPrefix = vpc.get().prefixLength();
        problems.check(vpcPrefix >= 16 && vpcPrefix <= SMALLEST_SUBNET, PATH + ".cidr",
                "prefix length must be /16 to /28 (AWS VPC limits), got /" + vpcPrefix);
        problems.check(Cidrs.isPrivate(vpc.get()), PATH + ".cidr",
                "must be a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)");
        problems.check(network.privateSubnetPrefixLength() >= vpcPrefix && network.privateSubnetPrefixLength() <= 24,
                PATH + ".privateSubnetPrefixLength", "must be between /" + vpcPrefix + " (the VPC) and /24 "
                        + "(EKS nodes and pods take VPC addresses), got /" + network.privateSubnetPrefixLength());
        problems.check(network.publicSubnetPrefixLength() >= vpcPrefix
                        && network.publicSubnetPrefixLength() <= SMALLEST_SUBNET, PATH + ".publicSubnetPrefixLength",
                "must be between /" + vpcPrefix + " (the VPC) and /28, got /" + network.publicSubnetPrefixLength());
        problems.check(network.requiredAddresses() <= vpc.get().size(), PATH,
                "subnets do not fit the VPC: " + network.azCount() + " AZs x (private /"
                        + network.privateSubnetPrefixLength() + " + public /" + network.publicSubnetPrefixLength()
                        + ") need " + network.requiredAddresses() + " addresses, " + network.cidr() + " has "
                        + vpc.get().size());
    }
}
