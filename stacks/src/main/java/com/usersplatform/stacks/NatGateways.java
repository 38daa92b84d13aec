package com.usersplatform.stacks;

/** How many NAT gateways route the private subnets' egress. */
public enum NatGateways implements ConfigEnum {
    /** One NAT gateway in the first AZ: cheap, but egress fails with that AZ. */
    SINGLE("single"),
    /** One NAT gateway per AZ: each private subnet egresses through its own AZ. */
    PER_AZ("perAz");

    private final String configValue;

    NatGateways(String configValue) {
        this.configValue = configValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }
}
