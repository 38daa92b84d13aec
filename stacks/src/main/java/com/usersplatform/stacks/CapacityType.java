package com.usersplatform.stacks;

/** Purchase option of the EKS managed node group. */
public enum CapacityType implements ConfigEnum {
    /** On-demand instances. */
    ON_DEMAND("onDemand", "ON_DEMAND"),
    /** Spot instances: cheaper, reclaimed at two minutes' notice. */
    SPOT("spot", "SPOT");

    private final String configValue;
    private final String eksValue;

    CapacityType(String configValue, String eksValue) {
        this.configValue = configValue;
        this.eksValue = eksValue;
    }

    @Override
    public String configValue() {
        return configValue;
    }

    /** The value of the EKS API's {@code capacityType}. */
    public String eksValue() {
        return eksValue;
    }
}
