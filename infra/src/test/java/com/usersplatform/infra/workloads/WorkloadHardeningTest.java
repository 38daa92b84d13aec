package com.usersplatform.infra.workloads;

import com.usersplatform.contract.GatewayContract;
import com.usersplatform.contract.Setting;
import com.usersplatform.contract.UsersContract;
import com.usersplatform.infra.ClusterServices;
import java.util.stream.Collectors;

import com.usersplatform.stacks.WorkloadConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.integer;
import static com.usersplatform.infra.workloads.Yaml.list;
import static com.usersplatform.infra.workloads.Yaml.map;
import static com.usersplatform.infra.workloads.Yaml.selects;
import static com.usersplatform.infra.workloads.Yaml.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rendered Deployments, Services, HPAs and PDBs of both services, for the dev and the prod stack. */
class WorkloadHardeningTest {
    private static final String NS = ClusterServices.NAMESPACE;
    /**
     * Env names of each service's settings contract: all that its ConfigMap and container may set, so a name infra
     * sets that the service would not read (a key renamed on one side) fails here.
     */
    private static final Map<String, Set<String>> CONTRACT_ENV = Map.of(
            "users", envNames(UsersContract.ALL), "gateway", envNames(GatewayContract.ALL));

    private static Set<String> envNames(List<Setting> contract) {
        return contract.stream().map(Setting::env).collect(Collectors.toUnmodifiableSet());
    }

    static Stream<Arguments> workloads() {
        return KubernetesRuns.both().stream().flatMap(run -> Stream.of(
                Arguments.of(run.stack().stack(), run, "gateway", 3000),
                Arguments.of(run.stack().stack(), run, "users", 3001)));
    }

    private static WorkloadConfig config(KubernetesRuns.Run run, String service) {
        return service.equals("gateway") ? run.stack().workloads().gateway() : run.stack().workloads().users();
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = list(deployment, "spec.template.spec.containers");
        assertEquals(1, containers.size());
        return containers.getFirst();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void probesHitTheRealHealthPathsAndPort(String stack, KubernetesRuns.Run run, String service, int port) {
        var container = container(run.document("Deployment", NS, service));
        assertEquals(port, integer(container, "ports[0].containerPort"));
        assertEquals("/health/live", string(container, "startupProbe.httpGet.path"));
        assertEquals("/health/live", string(container, "livenessProbe.httpGet.path"));
        assertEquals("/health/ready", string(container, "readinessProbe.httpGet.path"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(port, integer(container, probe + ".httpGet.port"), probe);
        }
        assertEquals(Integer.toString(port),
                string(run.document("ConfigMap", NS, service + "-config"), "data.SERVER_PORT"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    @SuppressWarnings("unchecked")
    void aConfigChangeRollsThePods(String stack, KubernetesRuns.Run run, String service, int port) {
        var data = (Map<String, String>) (Map<?, ?>) map(run.document("ConfigMap", NS, service + "-config"), "data");
        var annotations = map(run.document("Deployment", NS, service), "spec.template.metadata.annotations");
        assertEquals(PodTemplate.configHash(data), annotations.get(PodTemplate.CONFIG_HASH_ANNOTATION));
        var changed = new java.util.HashMap<>(data);
        changed.put("SERVICE_VERSION", "other");
        assertFalse(PodTemplate.configHash(changed).equals(PodTemplate.configHash(data)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void resourcesAndImageComeFromTheStack(String stack, KubernetesRuns.Run run, String service, int port) {
        var container = container(run.document("Deployment", NS, service));
        var resources = config(run, service).resources();
        assertEquals(Map.of("cpu", resources.requests().cpu(), "memory", resources.requests().memory()),
                map(container, "resources.requests"));
        assertEquals(Map.of("cpu", resources.limits().cpu(), "memory", resources.limits().memory()),
                map(container, "resources.limits"));
        String image = string(container, "image");
        var configured = config(run, service).image();
        // Unless the stack names a registry: the stack's own ECR repository (stand-in account of the offline run).
        String repository = configured.repository().orElse("123456789012.dkr.ecr." + run.stack().awsRegion()
                + ".amazonaws.com/users-platform-" + stack + "/" + service);
        assertEquals(repository + ":" + configured.tag(), image);
        assertFalse(image.endsWith(":latest") || !image.contains(":"), image);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void podAndContainerAreFullyHardened(String stack, KubernetesRuns.Run run, String service, int port) {
        var deployment = run.document("Deployment", NS, service);
        var pod = map(deployment, "spec.template.spec");
        var security = map(container(deployment), "securityContext");
        assertEquals(true, security.get("runAsNonRoot"));
        assertTrue(integer(security, "runAsUser") > 0);
        assertEquals(true, security.get("readOnlyRootFilesystem"));
        assertEquals(false, security.get("allowPrivilegeEscalation"));
        assertEquals(false, security.get("privileged"));
        assertEquals(List.of("ALL"), at(security, "capabilities.drop"));
        assertFalse(map(security, "capabilities").containsKey("add"));
        assertEquals("RuntimeDefault", string(security, "seccompProfile.type"));
        assertEquals(true, at(pod, "securityContext.runAsNonRoot"));
        assertEquals("RuntimeDefault", string(pod, "securityContext.seccompProfile.type"));
        assertEquals(false, pod.get("automountServiceAccountToken"));
        assertEquals(service, pod.get("serviceAccountName"));
        assertNotNull(run.document("ServiceAccount", NS, service));
        // Writable /tmp on an emptyDir (the root filesystem is read-only).
        var tmpMount = list(container(deployment), "volumeMounts").stream()
                .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElseThrow();
        var tmpVolume = list(pod, "volumes").stream()
                .filter(v -> v.get("name").equals(tmpMount.get("name"))).findFirst().orElseThrow();
        assertTrue(tmpVolume.containsKey("emptyDir"));
        // The JVM's flags are the image's own (services/jvm/*.flags); a second set in the environment would only
        // compete with them.
        var env = list(container(deployment), "env");
        assertTrue(env.stream().noneMatch(e -> "JAVA_TOOL_OPTIONS".equals(e.get("name"))), env.toString());
        // Graceful shutdown: a preStop delay shorter than the grace period.
        List<?> preStop = (List<?>) at(container(deployment), "lifecycle.preStop.exec.command");
        int sleep = Integer.parseInt((String) preStop.get(1));
        assertEquals("sleep", preStop.get(0));
        assertTrue(sleep > 0 && integer(pod, "terminationGracePeriodSeconds") > sleep);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void rollsOutOnePodAtATimeWithoutLosingCapacityAndSpreadsAcrossZonesAndNodes(
            String stack, KubernetesRuns.Run run, String service, int port) {
        var deployment = run.document("Deployment", NS, service);
        assertEquals("RollingUpdate", string(deployment, "spec.strategy.type"));
        assertEquals(1, integer(deployment, "spec.strategy.rollingUpdate.maxSurge"));
        assertEquals(0, integer(deployment, "spec.strategy.rollingUpdate.maxUnavailable"));
        var podLabels = map(deployment, "spec.template.metadata.labels");
        assertTrue(selects(map(deployment, "spec.selector.matchLabels"), podLabels));
        var spread = list(deployment, "spec.template.spec.topologySpreadConstraints");
        assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
                Set.copyOf(spread.stream().map(c -> c.get("topologyKey")).toList()));
        spread.forEach(c -> assertTrue(selects(map(c, "labelSelector.matchLabels"), podLabels), c.toString()));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void autoscalesOnCpuAndMemoryWithinTheStackBoundsAndScalesDownSlowly(
            String stack, KubernetesRuns.Run run, String service, int port) {
        var hpa = run.document("HorizontalPodAutoscaler", NS, service);
        var scaling = config(run, service).autoscaling();
        assertEquals("autoscaling/v2", hpa.get("apiVersion"));
        assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", service),
                map(hpa, "spec.scaleTargetRef"));
        assertNotNull(run.document("Deployment", NS, service));
        assertEquals(scaling.minReplicas(), integer(hpa, "spec.minReplicas"));
        assertEquals(scaling.maxReplicas(), integer(hpa, "spec.maxReplicas"));
        var metrics = list(hpa, "spec.metrics");
        assertEquals(Map.of("cpu", scaling.cpuTargetPercent(), "memory", scaling.memoryTargetPercent()),
                Map.of(string(metrics.get(0), "resource.name"), integer(metrics.get(0), "resource.target.averageUtilization"),
                        string(metrics.get(1), "resource.name"), integer(metrics.get(1), "resource.target.averageUtilization")));
        assertEquals(scaling.scaleDownStabilizationSeconds(),
                integer(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds"));
        assertTrue(scaling.scaleDownStabilizationSeconds() >= 300, "slow scale-down");
        assertEquals(1, integer(hpa, "spec.behavior.scaleDown.policies[0].value"));
        // The HPAs' CPU and memory metrics come from metrics-server, which EKS does not install by itself.
        var metricsServer = run.document("HelmRelease", MetricsServer.NAMESPACE, MetricsServer.CHART.name());
        assertEquals(MetricsServer.CHART.version(), metricsServer.get("version"));
        // The HPA owns the replica count: a fixed value in the Deployment would fight it on every update.
        assertFalse(map(run.document("Deployment", NS, service), "spec").containsKey("replicas"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void disruptionBudgetNeverBlocksAllEvictions(String stack, KubernetesRuns.Run run, String service, int port) {
        var pdb = run.document("PodDisruptionBudget", NS, service);
        int minReplicas = config(run, service).autoscaling().minReplicas();
        var spec = map(pdb, "spec");
        if (spec.containsKey("maxUnavailable")) {
            assertTrue(integer(spec, "maxUnavailable") >= 1);
        } else {
            assertTrue(integer(spec, "minAvailable") < minReplicas);
        }
        assertTrue(selects(map(spec, "selector.matchLabels"),
                map(run.document("Deployment", NS, service), "spec.template.metadata.labels")));
        // Not-Ready pods never count against the budget, so a crash-looping pod cannot block a node drain.
        assertEquals("AlwaysAllow", spec.get("unhealthyPodEvictionPolicy"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void podsGetTheAlbReadinessGateAndWaitForItsWebhook(String stack, KubernetesRuns.Run run, String service,
                                                        int port) {
        var namespace = run.ofKind("Namespace").stream()
                .filter(n -> NS.equals(map(n, "metadata").get("name"))).findFirst().orElseThrow();
        assertEquals("enabled", map(namespace, "metadata.labels").get(AppNamespace.READINESS_GATE_LABEL));
        var deployment = run.result().ofType("kubernetes:apps/v1:Deployment").stream()
                .filter(d -> d.name().endsWith("-" + service)).findFirst().orElseThrow();
        assertTrue(deployment.dependsOn().stream()
                        .anyMatch(key -> key.startsWith("kubernetes:helm.sh/v3:Release::") && key.contains("alb-controller")),
                service + " waits for the load balancer controller: " + deployment.dependsOn());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void serviceSelectsThePodsOnANamedPortThatExists(String stack, KubernetesRuns.Run run, String service, int port) {
        var svc = run.document("Service", NS, service);
        var deployment = run.document("Deployment", NS, service);
        assertEquals("ClusterIP", svc.get("spec") instanceof Map<?, ?> s ? s.get("type") : null);
        assertTrue(selects(map(svc, "spec.selector"), map(deployment, "spec.template.metadata.labels")));
        // The selector matches no other workload's pods.
        for (var other : run.ofKind("Deployment")) {
            if (!other.equals(deployment)) {
                assertFalse(selects(map(svc, "spec.selector"), map(other, "spec.template.metadata.labels")));
            }
        }
        assertEquals(port, integer(svc, "spec.ports[0].port"));
        assertEquals(string(container(deployment), "ports[0].name"), string(svc, "spec.ports[0].targetPort"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void secretsArriveAsMountedFilesNeverAsEnvValues(String stack, KubernetesRuns.Run run, String service, int port) {
        var deployment = run.document("Deployment", NS, service);
        var container = container(deployment);
        var expected = service.equals("users")
                ? com.usersplatform.infra.secretdelivery.SecretDelivery.REDIS_CREDENTIALS
                : com.usersplatform.infra.secretdelivery.SecretDelivery.API_KEYS;
        for (var env : list(container, "env")) {
            assertFalse(env.containsKey("valueFrom"), "env from a secret: " + env);
        }
        for (var source : list(container, "envFrom")) {
            assertFalse(source.containsKey("secretRef"), "envFrom a secret: " + source);
        }
        var volume = list(deployment, "spec.template.spec.volumes").stream()
                .filter(v -> v.containsKey("secret")).findFirst().orElseThrow();
        assertEquals(expected.secretName(), string(volume, "secret.secretName"));
        var mount = list(container, "volumeMounts").stream()
                .filter(m -> m.get("name").equals(volume.get("name"))).findFirst().orElseThrow();
        assertFalse(mount.containsKey("subPath"), "subPath mounts never see secret updates");
        assertEquals(true, mount.get("readOnly"));
        // The env var holds the file's path inside the mounted directory, never the secret itself.
        var pathVar = list(container, "env").stream()
                .filter(e -> e.get("name").equals(expected.pathEnvVar())).findFirst().orElseThrow();
        assertEquals(mount.get("mountPath") + "/" + at(volume, "secret.items[0].path"), pathVar.get("value"));
        // The mounted Secret is the one an ExternalSecret produces.
        assertEquals(expected.secretName(),
                string(run.document("ExternalSecret", NS, expected.secretName()), "spec.target.name"));
        // ConfigMap and container env hold only contract settings, none of them secret.
        var data = map(run.document("ConfigMap", NS, service + "-config"), "data");
        assertTrue(CONTRACT_ENV.get(service).containsAll(data.keySet()), data.keySet().toString());
        var containerEnv = list(container, "env").stream().map(e -> (String) e.get("name")).toList();
        assertTrue(CONTRACT_ENV.get(service).containsAll(containerEnv), containerEnv.toString());
        data.keySet().forEach(key -> assertFalse(key.contains("PASSWORD") || key.contains("CREDENTIALS") || key.contains("API_KEYS"), key));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("workloads")
    void everyKubernetesObjectGoesThroughTheClusterProvider(String stack, KubernetesRuns.Run run, String service,
                                                           int port) {
        var kubernetes = run.result().resources().stream().filter(r -> r.type().startsWith("kubernetes:")).toList();
        assertFalse(kubernetes.isEmpty());
        kubernetes.forEach(r -> assertTrue(r.provider().contains("pulumi:providers:kubernetes::eks"),
                r.type() + " " + r.name() + " uses provider '" + r.provider() + "'"));
    }
}
