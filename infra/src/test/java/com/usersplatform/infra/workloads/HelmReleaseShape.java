package com.usersplatform.infra.workloads;

import java.util.Map;

import static com.usersplatform.infra.workloads.Shape.anything;
import static com.usersplatform.infra.workloads.Shape.matching;
import static com.usersplatform.infra.workloads.Shape.object;
import static com.usersplatform.infra.workloads.Shape.string;

/** A rendered Helm release entry: pinned chart version (exact semver, no range), https repository or OCI registry reference, values. */
final class HelmReleaseShape {
    private static final Shape SHAPE = object(Map.of(
            "kind", string(),
            "metadata", object(Map.of("name", string(), "namespace", string()), "name", "namespace"),
            "chart", string(),
            "version", matching("\\d+\\.\\d+\\.\\d+"),
            "repository", matching("(https://|oci://).+"),
            "values", anything()), "kind", "metadata", "chart", "version", "repository", "values");

    private HelmReleaseShape() {
    }

    static void check(String file, Map<String, Object> document) {
        SHAPE.check(file, document);
    }
}
