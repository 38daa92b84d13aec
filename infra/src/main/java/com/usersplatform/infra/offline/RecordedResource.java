package com.usersplatform.infra.offline;

import java.util.Map;

/**
 * One resource the program registered during an offline run.
 *
 * @param type     Pulumi type token, e.g. {@code aws:eks/cluster:Cluster}
 * @param name     logical name
 * @param inputs   every registered input as the engine received it (numbers arrive as {@link Double})
 * @param provider the provider reference ({@code urn::id}), empty for component resources and default providers
 */
public record RecordedResource(String type, String name, Map<String, Object> inputs, String provider) {

    /** The input at a dotted path ({@code vpcConfig.publicAccessCidrs}), or null when any step is absent. */
    public Object input(String path) {
        Object current = inputs;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    /** True when this is a resource of the AWS provider (not a component, not another provider's resource). */
    public boolean isAws() {
        return type.startsWith("aws:");
    }
}
