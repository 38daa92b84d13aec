package com.usersplatform.infra.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * A Helm chart pinned to an exact version in its repository; installed as a Pulumi {@code helm.v3.Release} named
 * after the chart, atomically (a failed install or upgrade rolls back).
 *
 * @param name       chart name, also the release name
 * @param version    exact chart version (never a range)
 * @param repository chart repository URL, or an OCI registry path ({@code oci://...}): then the chart is
 *                   {@code <repository>/<name>} with no repository options (Release's OCI support,
 *                   https://github.com/pulumi/pulumi-kubernetes/pull/1892)
 */
public record HelmChart(String name, String version, String repository) {

    /**
     * Seconds Helm waits for a release's objects to be ready. The provider's default is 300 s
     * ({@code defaultTimeoutSeconds} in pulumi-kubernetes {@code provider/pkg/provider/helm_release.go}); on a fresh
     * cluster the first release also waits for image pulls onto new nodes and, with {@code atomic}, a timeout
     * uninstalls the release, so the first {@code up} would fail instead of finishing late.
     *
     * @see <a href="https://github.com/pulumi/pulumi-kubernetes/blob/v4.0.0/provider/pkg/provider/helm_release.go">helm_release.go</a>
     */
    public static final int TIMEOUT_SECONDS = 900;

    /**
     * @param resourceName    Pulumi logical name
     * @param namespace       namespace of the release
     * @param createNamespace whether Helm creates the namespace
     * @param values          chart values
     */
    public Release install(String resourceName, String namespace, boolean createNamespace,
                           Output<Map<String, Object>> values, CustomResourceOptions options) {
        var args = ReleaseArgs.builder().name(name).version(version);
        if (repository.startsWith("oci://")) {
            args.chart(repository + "/" + name);
        } else {
            args.chart(name).repositoryOpts(RepositoryOptsArgs.builder().repo(repository).build());
        }
        return new Release(resourceName, args
                .namespace(namespace)
                .createNamespace(createNamespace)
                .atomic(true)
                .timeout(TIMEOUT_SECONDS)
                .values(values)
                .build(), options);
    }
}
