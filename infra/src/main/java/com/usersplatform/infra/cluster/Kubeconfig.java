package com.usersplatform.infra.cluster;

import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;

/** A kubeconfig (JSON) for an EKS cluster that authenticates with {@code aws eks get-token}: no static credential. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static String of(String clusterName, String endpoint, String certificateAuthorityData, String region) {
        return StableJson.of(Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters", List.of(Map.of("name", clusterName, "cluster",
                        Map.of("server", endpoint, "certificate-authority-data", certificateAuthorityData))),
                "contexts", List.of(Map.of("name", clusterName, "context",
                        Map.of("cluster", clusterName, "user", clusterName))),
                "current-context", clusterName,
                "users", List.of(Map.of("name", clusterName, "user", Map.of("exec", Map.of(
                        "apiVersion", "client.authentication.k8s.io/v1beta1",
                        "command", "aws",
                        "args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region),
                        "interactiveMode", "Never"))))));
    }
}
