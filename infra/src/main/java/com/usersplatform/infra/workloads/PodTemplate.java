package com.usersplatform.infra.workloads;

import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.KeyToPathArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleHandlerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.usersplatform.infra.kubernetes.Labels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the hardened pod template of a {@link Workload}; every value that varies comes from {@link WorkloadArgs}. */
final class PodTemplate {
    /** The service images' non-root uid/gid (the Jib container user in the root pom, distroless "nonroot"). */
    static final int RUN_AS_USER = 65532;
    static final String LIVE_PATH = "/health/live";
    static final String READY_PATH = "/health/ready";
    private static final String TMP_VOLUME = "tmp";
    private static final String SECRET_VOLUME = "secret-file";

    private PodTemplate() {
    }

    /** Pod annotation holding a hash of the ConfigMap's data: a config change rolls the pods (env is read at start). */
    static final String CONFIG_HASH_ANNOTATION = "users-platform/config-sha256";

    static PodTemplateSpecArgs build(WorkloadArgs args, String configMapName, Map<String, String> podLabels) {
        return PodTemplateSpecArgs.builder()
                .metadata(ObjectMetaArgs.builder().labels(podLabels)
                        .annotations(args.sortedConfig().applyValue(config ->
                                Map.of(CONFIG_HASH_ANNOTATION, configHash(config))))
                        .build())
                .spec(PodSpecArgs.builder()
                        .serviceAccountName(args.name())
                        // The services never call the Kubernetes API: no token in the pod.
                        .automountServiceAccountToken(false)
                        .terminationGracePeriodSeconds(args.lifecycle().terminationGracePeriodSeconds())
                        .securityContext(PodSecurityContextArgs.builder()
                                .runAsNonRoot(true)
                                .runAsUser(RUN_AS_USER)
                                .runAsGroup(RUN_AS_USER)
                                .fsGroup(RUN_AS_USER)
                                .seccompProfile(runtimeDefault())
                                .build())
                        .topologySpreadConstraints(spread("topology.kubernetes.io/zone", args.name()),
                                spread("kubernetes.io/hostname", args.name()))
                        .containers(container(args, configMapName))
                        .volumes(volumes(args))
                        .build())
                .build();
    }

    /** SHA-256 over the sorted {@code key=value} lines of the config. */
    static String configHash(Map<String, String> config) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(config).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContainerArgs container(WorkloadArgs args, String configMapName) {
        return ContainerArgs.builder()
                .name(args.name())
                .image(args.image())
                .imagePullPolicy("IfNotPresent")
                .ports(ContainerPortArgs.builder().name("http").containerPort(args.port()).protocol("TCP").build())
                .envFrom(EnvFromSourceArgs.builder()
                        .configMapRef(ConfigMapEnvSourceArgs.builder().name(configMapName).build()).build())
                .env(env(args))
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", args.resources().requests().cpu(),
                                "memory", args.resources().requests().memory()))
                        .limits(Map.of("cpu", args.resources().limits().cpu(),
                                "memory", args.resources().limits().memory()))
                        .build())
                // Startup gives the JVM up to 5 minutes; liveness then only restarts a hung process, readiness
                // takes the pod out of the Service while a dependency (Redis, users) is down.
                .startupProbe(probe(LIVE_PATH, args.port(), 2, 150))
                .livenessProbe(probe(LIVE_PATH, args.port(), 10, 3))
                .readinessProbe(probe(READY_PATH, args.port(), 5, 2))
                .lifecycle(LifecycleArgs.builder()
                        .preStop(LifecycleHandlerArgs.builder()
                                .exec(ExecActionArgs.builder()
                                        .command("sleep", Integer.toString(args.lifecycle().preStopSleepSeconds()))
                                        .build())
                                .build())
                        .build())
                .securityContext(SecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .runAsUser(RUN_AS_USER)
                        .readOnlyRootFilesystem(true)
                        .allowPrivilegeEscalation(false)
                        .privileged(false)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                        .seccompProfile(runtimeDefault())
                        .build())
                .volumeMounts(volumeMounts(args))
                .build();
    }

    /**
     * Only non-secret values: when a secret file exists, the path to it (never its content). The JVM's flags are the
     * image's own ({@code services/jvm/*.flags}, on the java command line), so none are set here.
     */
    private static List<EnvVarArgs> env(WorkloadArgs args) {
        List<EnvVarArgs> env = new ArrayList<>();
        args.secretFile().ifPresent(file ->
                env.add(EnvVarArgs.builder().name(file.pathEnvVar()).value(file.filePath()).build()));
        return env;
    }

    private static List<VolumeMountArgs> volumeMounts(WorkloadArgs args) {
        List<VolumeMountArgs> mounts = new ArrayList<>();
        mounts.add(VolumeMountArgs.builder().name(TMP_VOLUME).mountPath("/tmp").build());
        // Whole directory, no subPath: the kubelet updates the file in place when the Secret changes.
        args.secretFile().ifPresent(file -> mounts.add(VolumeMountArgs.builder().name(SECRET_VOLUME)
                .mountPath(file.mountPath()).readOnly(true).build()));
        return mounts;
    }

    private static List<VolumeArgs> volumes(WorkloadArgs args) {
        List<VolumeArgs> volumes = new ArrayList<>();
        volumes.add(VolumeArgs.builder().name(TMP_VOLUME)
                .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("64Mi").build()).build());
        args.secretFile().ifPresent(file -> volumes.add(VolumeArgs.builder().name(SECRET_VOLUME)
                .secret(SecretVolumeSourceArgs.builder()
                        .secretName(file.secretName())
                        .defaultMode(0440)
                        .items(KeyToPathArgs.builder().key(file.key()).path(file.key()).build())
                        .build())
                .build()));
        return volumes;
    }

    private static ProbeArgs probe(String path, int port, int periodSeconds, int failureThreshold) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port(port).scheme("HTTP").build())
                .periodSeconds(periodSeconds)
                .timeoutSeconds(2)
                .failureThreshold(failureThreshold)
                .build();
    }

    private static TopologySpreadConstraintArgs spread(String topologyKey, String service) {
        return TopologySpreadConstraintArgs.builder()
                .topologyKey(topologyKey)
                .maxSkew(1)
                // Prefer balance but never leave a pod pending (e.g. a dev cluster with fewer nodes than replicas).
                .whenUnsatisfiable("ScheduleAnyway")
                .labelSelector(LabelSelectorArgs.builder().matchLabels(Labels.selector(service)).build())
                .build();
    }

    private static SeccompProfileArgs runtimeDefault() {
        return SeccompProfileArgs.builder().type("RuntimeDefault").build();
    }
}
