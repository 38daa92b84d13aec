package com.usersplatform.infra.network;

import com.usersplatform.stacks.SubnetPair;

import java.util.List;

/**
 * Inputs of {@link Network}.
 *
 * @param cidr            {@code String}, required: VPC IPv4 block, e.g. {@code 10.0.0.0/16}
 * @param subnets         {@code List<SubnetPair>}, required, at least 2: one public and one private subnet per AZ
 *                        (AZ by index into the region's available zones)
 * @param natGatewayCount {@code int}, 1 or {@code subnets.size()}: one NAT gateway for all private subnets, or
 *                        one per AZ so an AZ outage leaves the others' egress intact
 */
public record NetworkArgs(String cidr, List<SubnetPair> subnets, int natGatewayCount) {

    public NetworkArgs {
        subnets = List.copyOf(subnets);
        if (natGatewayCount != 1 && natGatewayCount != subnets.size()) {
            throw new IllegalArgumentException("natGatewayCount must be 1 or one per AZ, was " + natGatewayCount);
        }
    }
}
