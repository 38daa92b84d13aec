package com.usersplatform.infra.offline;

import java.util.List;
import java.util.Map;

/**
 * One resource the program registered during an offline run.
 *
 * @param type     Pulumi type token, e.g. {@code aws:eks/cluster:Cluster}
 * @param name     logical name
 * @param inputs   every registered input as the engine received it (numbers arrive as {@link Double})
 * @param provider the provider reference ({@code urn::id}), empty for component resources and default providers
 * @param dependsOn what {@code pulumi up} creates before it: explicit {@code dependsOn}, the resources behind its
 *                  inputs, its parent and its provider, as sorted {@code type::name} strings
 */
public record RecordedResource(String type, String name, Map<String, Object> inputs, String provider,
                               List<String> dependsOn) {

    public RecordedResource {
        dependsOn = dependsOn.stream().sorted().distinct().toList();
    }

    /** A resource as the mocks see it, before its dependencies are known. */
    public RecordedResource(String type, String name, Map<String, Object> inputs, String provider) {
        this(type, name, inputs, provider, List.of());
    }

    /** This resource's {@code type::name}, as other entries' {@link #dependsOn} name it. */
    public String key() {
        return type + "::" + name;
    }

    /** The same resource with its dependencies. */
    public RecordedResource withDependsOn(java.util.Collection<String> waitsFor) {
        return new RecordedResource(type, name, inputs, provider, List.copyOf(waitsFor));
    }

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
