package com.usersplatform.infra.ordering;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.kubernetes.HelmChart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orderings a first {@code pulumi up} on a clean account needs, asserted on the dependency graph the real program
 * registers (the plan's {@code dependsOn}), for every committed stack.
 */
class FirstDeployOrderingTest {

    private static final String ALB_CHART = "aws-load-balancer-controller";
    /** Namespace label that makes the ALB controller's pod webhook intercept pod creation there. */
    private static final String READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

    private static DependencyGraph graph(String stack) {
        return new DependencyGraph(InfraHarness.run(stack));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDependencyNamesAPlanEntry(String stack) {
        assertEquals(Set.of(), graph(stack).unknownDependencies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKubernetesObjectAndReleaseWaitsForNodesAndCoreDns(String stack) {
        DependencyGraph graph = graph(stack);
        String nodes = graph.nodeGroup();
        String coreDns = graph.addon("coredns");
        List<RecordedResource> kubernetes = graph.all(r -> r.type().startsWith("kubernetes:"));
        assertFalse(kubernetes.isEmpty());
        for (RecordedResource object : kubernetes) {
            Set<String> waitsFor = graph.waitsFor(object);
            assertTrue(waitsFor.contains(nodes) && waitsFor.contains(coreDns),
                    object.key() + " does not wait for " + nodes + " and " + coreDns);
        }
    }

    /**
     * The ALB controller's webhooks fail closed while its pods are not ready: the Service mutator (when enabled)
     * intercepts every Service create, the pod mutator every pod in a namespace labelled for readiness gates, the
     * Ingress validator every Ingress. Whatever such a webhook intercepts must wait for the controller's release.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nothingAnAdmissionWebhookInterceptsIsCreatedBeforeTheWebhookRuns(String stack) {
        DependencyGraph graph = graph(stack);
        RecordedResource controller = graph.single(r -> isRelease(r) && ALB_CHART.equals(r.input("chart")), "ALB release");
        boolean serviceWebhook = !Boolean.FALSE.equals(controller.input("values.enableServiceMutatorWebhook"));
        List<RecordedResource> intercepted = new ArrayList<>(graph.all(r -> r.type().equals("kubernetes:networking.k8s.io/v1:Ingress")));
        if (serviceWebhook) {
            // Every other chart creates Services (webhooks, metrics), as do the workloads.
            intercepted.addAll(graph.all(r -> r != controller && (isRelease(r) || r.type().equals("kubernetes:core/v1:Service"))));
        }
        Set<Object> gatedNamespaces = new java.util.HashSet<>();
        graph.all(r -> r.type().equals("kubernetes:core/v1:Namespace")
                        && "enabled".equals(map(r.input("metadata.labels")).get(READINESS_GATE_LABEL)))
                .forEach(ns -> gatedNamespaces.add(ns.input("metadata.name")));
        intercepted.addAll(graph.all(r -> r.type().equals("kubernetes:apps/v1:Deployment")
                && gatedNamespaces.contains(r.input("metadata.namespace"))));
        assertFalse(intercepted.isEmpty());
        for (RecordedResource object : intercepted) {
            assertTrue(graph.waitsFor(object).contains(controller.key()),
                    object.key() + " can be created while the ALB controller's webhook has no endpoints");
        }
        graph.all(r -> r.type().equals("kubernetes:core/v1:Service"))
                .forEach(s -> assertFalse("LoadBalancer".equals(s.input("spec.type")), s.key()
                        + " is type LoadBalancer: it needs the Service mutator webhook the controller runs without"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentWaitsForTheExternalSecretsOfTheSecretsItMounts(String stack) {
        DependencyGraph graph = graph(stack);
        List<RecordedResource> deployments = graph.all(r -> r.type().equals("kubernetes:apps/v1:Deployment"));
        int mounted = 0;
        for (RecordedResource deployment : deployments) {
            for (Object volume : list(deployment.input("spec.template.spec.volumes"))) {
                Object secretName = map(map(volume).get("secret")).get("secretName");
                if (secretName == null) {
                    continue;
                }
                mounted++;
                RecordedResource source = graph.single(r -> r.type().endsWith(":ExternalSecret")
                        && secretName.equals(r.input("spec.target.name"))
                        && Objects.equals(r.input("metadata.namespace"), deployment.input("metadata.namespace")),
                        "ExternalSecret writing " + secretName);
                assertTrue(graph.waitsFor(deployment).contains(source.key()),
                        deployment.key() + " mounts " + secretName + " but does not wait for " + source.key());
            }
        }
        assertEquals(2, mounted, "the users and gateway Deployments each mount one delivered secret");
    }

    /** External Secrets cannot sync a secret without a version: the pods mounting it would wait forever. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretAnExternalSecretReadsHasAFirstVersionFirst(String stack) {
        DependencyGraph graph = graph(stack);
        List<RecordedResource> syncs = graph.all(r -> r.type().endsWith(":ExternalSecret"));
        assertEquals(2, syncs.size());
        for (RecordedResource sync : syncs) {
            for (Object data : list(sync.input("spec.data"))) {
                String arn = String.valueOf(map(map(data).get("remoteRef")).get("key"));
                RecordedResource secret = secretWithArn(graph, arn);
                RecordedResource version = graph.single(r -> r.type().equals("aws:secretsmanager/secretVersion:SecretVersion")
                        && r.dependsOn().contains(secret.key()), "first version of " + secret.key());
                assertTrue(graph.waitsFor(sync).contains(version.key()),
                        sync.key() + " can read " + secret.key() + " before it has a value");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyHelmReleaseHasATimeoutThatFitsAFreshCluster(String stack) {
        List<RecordedResource> releases = graph(stack).all(FirstDeployOrderingTest::isRelease);
        assertFalse(releases.isEmpty());
        for (RecordedResource release : releases) {
            Object timeout = release.input("timeout");
            assertTrue(timeout instanceof Number n && n.intValue() >= 600,
                    release.key() + " timeout " + timeout + " (provider default 300 s is too short for new nodes)");
            assertEquals(HelmChart.TIMEOUT_SECONDS, ((Number) timeout).intValue());
        }
    }

    /** Rotation starts when the schedule is created: the function must reach Redis and the AWS APIs by then. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRotationScheduleWaitsForTheFunctionsNetworkPath(String stack) {
        DependencyGraph graph = graph(stack);
        RecordedResource schedule = graph.single(r -> r.type().equals("aws:secretsmanager/secretRotation:SecretRotation"),
                "rotation schedule");
        RecordedResource function = graph.single(r -> r.type().equals("aws:lambda/function:Function"), "rotation function");
        Set<String> waitsFor = graph.waitsFor(schedule);

        List<Object> groups = list(function.input("vpcConfig.securityGroupIds"));
        List<Object> subnets = list(function.input("vpcConfig.subnetIds"));
        assertFalse(groups.isEmpty() || subnets.isEmpty());
        List<RecordedResource> required = new ArrayList<>();
        required.addAll(graph.all(r -> r.type().startsWith("aws:vpc/securityGroup")
                && (groups.contains(r.input("securityGroupId")) || groups.contains(r.input("referencedSecurityGroupId")))));
        required.addAll(graph.all(r -> r.type().equals("aws:ec2/routeTableAssociation:RouteTableAssociation")
                && subnets.contains(r.input("subnetId"))));
        required.addAll(graph.all(r -> r.type().equals("aws:elasticache/replicationGroup:ReplicationGroup")));
        RecordedResource secret = secretWithArn(graph, String.valueOf(schedule.input("secretId")));
        required.add(graph.single(r -> r.type().equals("aws:secretsmanager/secretVersion:SecretVersion")
                && r.dependsOn().contains(secret.key()), "first version of " + secret.key()));
        assertTrue(required.size() >= 3 + subnets.size() + 1, "rules, routes, Redis: " + required);
        for (RecordedResource prerequisite : required) {
            assertTrue(waitsFor.contains(prerequisite.key()),
                    "the rotation schedule can fire before " + prerequisite.key() + " exists");
        }
    }

    /** The secret with this stand-in ARN (it ends in ":secret:<logical name>-AbCdEf", see StandInMocks). */
    private static RecordedResource secretWithArn(DependencyGraph graph, String arn) {
        return graph.single(r -> r.type().equals("aws:secretsmanager/secret:Secret")
                && arn.endsWith(":secret:" + r.name() + "-AbCdEf"), "secret " + arn);
    }

    private static boolean isRelease(RecordedResource r) {
        return r.type().equals("kubernetes:helm.sh/v3:Release");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
