package com.usersplatform.infra.ingress;

import com.usersplatform.infra.autoscaling.NodeAutoscaling;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.KubernetesRuns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.integer;
import static com.usersplatform.infra.workloads.Yaml.map;
import static com.usersplatform.infra.workloads.Yaml.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's ALB Ingress and the load balancer controller. */
class GatewayIngressTest {
    private static final String NS = ClusterServices.NAMESPACE;
    private static final String A = GatewayIngress.ANNOTATION;

    @Test
    void prodTerminatesTlsAndRedirectsHttp() {
        var run = KubernetesRuns.prod();
        var annotations = map(run.document("Ingress", NS, "gateway"), "metadata.annotations");
        assertEquals(run.stack().ingress().certificateArn().orElseThrow(), annotations.get(A + "certificate-arn"));
        assertEquals("443", annotations.get(A + "ssl-redirect"));
        assertEquals("[{\"HTTP\": 80}, {\"HTTPS\": 443}]", annotations.get(A + "listen-ports"));
        assertEquals(GatewayIngress.SSL_POLICY, annotations.get(A + "ssl-policy"));
        assertEquals(run.stack().ingress().hostname().orElseThrow(),
                at(run.document("Ingress", NS, "gateway"), "spec.rules[0].host"));
    }

    @Test
    void devWithoutCertificateServesPlainHttpOnly() {
        var run = KubernetesRuns.dev();
        assertFalse(run.stack().ingress().tls());
        var annotations = map(run.document("Ingress", NS, "gateway"), "metadata.annotations");
        assertEquals("[{\"HTTP\": 80}]", annotations.get(A + "listen-ports"));
        assertFalse(annotations.containsKey(A + "certificate-arn"));
        assertFalse(annotations.containsKey(A + "ssl-redirect"));
    }

    @Test
    void internetFacingAlbToPodIpsFromAllowedCidrsOnly() {
        for (var run : KubernetesRuns.both()) {
            var ingress = run.document("Ingress", NS, "gateway");
            var annotations = map(ingress, "metadata.annotations");
            assertEquals("internet-facing", annotations.get(A + "scheme"));
            assertEquals("ip", annotations.get(A + "target-type"));
            assertEquals("/health/ready", annotations.get(A + "healthcheck-path"));
            assertEquals(String.join(",", run.stack().ingress().allowedSourceCidrs()), annotations.get(A + "inbound-cidrs"));
            assertEquals(GatewayIngress.INGRESS_CLASS, string(ingress, "spec.ingressClassName"));
            // The backend is the gateway Service on the port it exposes.
            var backend = map(ingress, "spec.rules[0].http.paths[0].backend.service");
            var service = run.document("Service", NS, (String) backend.get("name"));
            assertEquals(integer(service, "spec.ports[0].port"), integer(backend, "port.number"));
        }
    }

    @Test
    void theIngressNeverRoutesMetricsWhilePrometheusStillScrapesIt() {
        for (var run : KubernetesRuns.both()) {
            var ingress = run.document("Ingress", NS, "gateway");
            List<Map<String, Object>> paths = com.usersplatform.infra.workloads.Yaml.list(ingress, "spec.rules[0].http.paths");
            for (String request : List.of("/metrics", "/metrics/", "/metrics?x=1", "/Metrics", "/")) {
                assertFalse(paths.stream().anyMatch(p -> prefixMatches(p, request.split("\\?")[0])),
                        run.stack().stack() + ": " + request + " is routed by " + paths);
            }
            for (String request : List.of("/api/users", "/api", "/health/ready")) {
                assertTrue(paths.stream().anyMatch(p -> prefixMatches(p, request)), request + " is not routed");
            }
            var monitor = run.document("ServiceMonitor", NS, "gateway");
            assertEquals("/metrics", at(monitor, "spec.endpoints[0].path"));
        }
    }

    /**
     * What is not routed gets the listener's default action, the Ingress's default backend: a 404 the ALB answers
     * itself, in the API's error shape. The ALB's own limits on a fixed response: status 2XX, 4XX or 5XX, one of five
     * content types, a body of at most 1024 characters
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_FixedResponseActionConfig.html).
     */
    @Test
    void whatIsNotRoutedGetsTheApisNotFoundBodyFromTheAlb() {
        for (var run : KubernetesRuns.both()) {
            var ingress = run.document("Ingress", NS, "gateway");
            var backend = map(ingress, "spec.defaultBackend.service");
            assertEquals("use-annotation", at(backend, "port.name"));
            String action = (String) map(ingress, "metadata.annotations").get(A + "actions." + backend.get("name"));
            JsonObject json = JsonParser.parseString(action).getAsJsonObject();
            assertEquals("fixed-response", json.get("type").getAsString());
            JsonObject fixed = json.getAsJsonObject("fixedResponseConfig");
            assertEquals("404", fixed.get("statusCode").getAsString());
            assertTrue(fixed.get("statusCode").getAsString().matches("[245]\\d\\d"));
            assertEquals("application/json", fixed.get("contentType").getAsString());
            assertTrue(List.of("text/plain", "text/css", "text/html", "application/javascript", "application/json")
                    .contains(fixed.get("contentType").getAsString()));
            String body = fixed.get("messageBody").getAsString();
            assertTrue(body.length() <= 1024, body);
            JsonObject error = JsonParser.parseString(body).getAsJsonObject();
            assertEquals("not_found", error.get("error").getAsString());
            assertFalse(error.get("message").getAsString().isBlank());
            // No Service of that name: the name only points at the action.
            assertTrue(run.ofKind("Service").stream().noneMatch(s -> backend.get("name").equals(at(s, "metadata.name"))));
        }
    }

    /**
     * Kubernetes Ingress path matching: {@code Exact} is the whole path, {@code Prefix} matches element by element
     * (https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types); anything else is refused here.
     */
    private static boolean prefixMatches(Map<String, Object> path, String request) {
        String type = (String) path.get("pathType");
        String prefix = (String) path.get("path");
        if ("Exact".equals(type)) {
            return prefix.equals(request);
        }
        assertEquals("Prefix", type, "only Exact and Prefix have defined semantics");
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() || request.equals(trimmed) || request.startsWith(trimmed + "/");
    }

    @Test
    void controllerIsPinnedAndItsRoleFollowsThePublishedLeastPrivilegePolicy() {
        for (var run : KubernetesRuns.both()) {
            var release = run.document("HelmRelease", LoadBalancerController.NAMESPACE, LoadBalancerController.CHART.name());
            assertEquals(LoadBalancerController.CHART.version(), release.get("version"));
            assertEquals(LoadBalancerController.CHART.repository(), release.get("repository"));
            assertEquals(run.stack().stack().equals("prod") ? 2 : 1, integer(release, "values.replicaCount"));
            assertTrue(((String) at(release, "values.clusterName")).contains(run.stack().stack()));
            var association = run.result().ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").stream()
                    .filter(a -> LoadBalancerController.NAMESPACE.equals(a.input("namespace")))
                    // Karpenter's controller shares the namespace (asserted by autoscaling.NodeAutoscalingTest).
                    .filter(a -> !NodeAutoscaling.SERVICE_ACCOUNT.equals(a.input("serviceAccount")))
                    .findFirst().orElseThrow();
            assertEquals(at(release, "values.serviceAccount.name"), association.input("serviceAccount"));

            var policy = run.result().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(p -> ((String) p.input("policy")).contains("elasticloadbalancing:CreateLoadBalancer"))
                    .findFirst().orElseThrow();
            JsonObject document = JsonParser.parseString((String) policy.input("policy")).getAsJsonObject();
            document.getAsJsonArray("Statement").forEach(statement -> {
                var actions = statement.getAsJsonObject().get("Action");
                (actions.isJsonArray() ? actions.getAsJsonArray().asList() : java.util.List.of(actions))
                        .forEach(action -> assertFalse(action.getAsString().endsWith(":*"), action.toString()));
            });
            // Destructive load balancer actions only on resources tagged by this controller.
            var destructive = document.getAsJsonArray("Statement").asList().stream().map(s -> s.getAsJsonObject())
                    .filter(s -> s.toString().contains("elasticloadbalancing:DeleteLoadBalancer")).toList();
            assertEquals(1, destructive.size());
            assertEquals(Map.of("aws:ResourceTag/elbv2.k8s.aws/cluster", "false"),
                    new com.google.gson.Gson().fromJson(destructive.getFirst().getAsJsonObject("Condition")
                            .getAsJsonObject("Null"), Map.class));
            var role = run.result().ofType("aws:iam/role:Role").stream()
                    .filter(r -> r.name().contains("alb-controller")).findFirst().orElseThrow();
            assertTrue(((String) role.input("assumeRolePolicy")).contains("pods.eks.amazonaws.com"));
        }
    }
}
