package com.usersplatform.infra.workloads;

import com.pulumi.core.Output;
import com.usersplatform.infra.args.ComponentArgs;
import com.usersplatform.stacks.AutoscalingConfig;
import com.usersplatform.stacks.ImageConfig;
import com.usersplatform.stacks.ResourcesConfig;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything that differs between the two services (and between stacks) for one {@link Workload}; build it with
 * {@link #builder()}, all required but the secret file ({@link ComponentArgs}).
 *
 * @param name         service name, also the Deployment/Service/ServiceAccount name (e.g. {@code users})
 * @param namespace    namespace the workload lives in ({@link AppNamespace#name}, so objects wait for it)
 * @param image        container image reference {@code <repository>:<tag>}, built by {@link #pinnedImage} (which
 *                     rejects a {@code latest} or missing tag)
 * @param port         container and Service port (gateway 3000, users 3001)
 * @param resources    CPU/memory requests and limits, as the stack file gives them (the stacks module validated them)
 * @param autoscaling  HPA bounds, targets and scale-down stabilisation, likewise from the validated stack file
 * @param config       non-secret environment (env var name to value), delivered through a ConfigMap
 * @param secretFile   the secret mounted as a file (never env); empty (the default) when the service needs none
 * @param lifecycle    graceful-shutdown timings
 */
@ComponentArgs
public record WorkloadArgs(
        String name,
        Output<String> namespace,
        Output<String> image,
        Integer port,
        ResourcesConfig resources,
        AutoscalingConfig autoscaling,
        Output<Map<String, String>> config,
        Optional<SecretFile> secretFile,
        Lifecycle lifecycle) {


    public WorkloadArgs {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(autoscaling, "autoscaling");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(image, "image");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ".port: must be 1..65535, got " + port);
        }
        Objects.requireNonNull(config, "config");
    }

    /** Config in a stable (sorted) order so rendered manifests never change between runs. */
    public Output<Map<String, String>> sortedConfig() {
        return config.applyValue(TreeMap::new);
    }

    /**
     * {@code <repository>:<tag>}, or {@code <repository>:<tag>@sha256:<hex>} when the stack pins a digest; the
     * repository may be an output (an ECR repository the program makes).
     *
     * @throws IllegalArgumentException when the tag is missing, blank or {@code latest}
     */
    public static Output<String> pinnedImage(String name, Output<String> repository, ImageConfig image) {
        String tag = image.tag();
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException(name + ".image: tag missing (must be <repository>:<tag>)");
        }
        if (tag.equals("latest")) {
            throw new IllegalArgumentException(name + ".image: tag 'latest' is not allowed");
        }
        return repository.applyValue(image::reference);
    }

    /**
     * A Kubernetes Secret (synced by External Secrets) mounted as a whole directory — not subPath, so the kubelet
     * swaps the file atomically when the secret rotates — and an env var holding the file's path (not its content).
     *
     * @param secretName Kubernetes Secret name
     * @param key        key in the Secret, becomes the file name
     * @param mountPath  directory the secret is mounted at
     * @param pathEnvVar env var that tells the service where the file is (e.g. {@code REDIS_CREDENTIALS_FILE})
     */
    public record SecretFile(String secretName, String key, String mountPath, String pathEnvVar) {
        public String filePath() {
            return mountPath + "/" + key;
        }
    }

    /**
     * Graceful shutdown: the preStop sleep lets endpoints and the ALB deregister the pod before SIGTERM; the grace
     * period leaves time for in-flight requests after that.
     */
    public record Lifecycle(int preStopSleepSeconds, int terminationGracePeriodSeconds) {
        public Lifecycle {
            if (terminationGracePeriodSeconds <= preStopSleepSeconds) {
                throw new IllegalArgumentException("lifecycle: terminationGracePeriodSeconds must exceed preStopSleepSeconds");
            }
        }
    }

    public static WorkloadArgsBuilder builder() {
        return WorkloadArgsBuilder.builder();
    }
}
