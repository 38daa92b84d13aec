package com.usersplatform.infra.kubernetes;

import java.util.Map;
import java.util.TreeMap;

/** The recommended {@code app.kubernetes.io/*} labels; selectors use only the immutable subset. */
public final class Labels {
    public static final String PART_OF = "users-platform";
    public static final String NAME = "app.kubernetes.io/name";

    private Labels() {
    }

    /** Labels that select a service's pods (Deployment, Service, PDB, NetworkPolicy, topology spread). */
    public static Map<String, String> selector(String service) {
        return Map.of(NAME, service, "app.kubernetes.io/part-of", PART_OF);
    }

    /** Labels on every object of a service: the selector plus who manages it. */
    public static Map<String, String> common(String service) {
        Map<String, String> labels = new TreeMap<>(selector(service));
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        return labels;
    }
}
