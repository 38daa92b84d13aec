package com.usersplatform.infra.workloads;

import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.observability.TraceCollector;
import com.usersplatform.stacks.SubnetPair;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.usersplatform.infra.workloads.Yaml.list;
import static com.usersplatform.infra.workloads.Yaml.map;
import static com.usersplatform.infra.workloads.Yaml.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interprets the rendered NetworkPolicies as a set of allowed flows and compares it with exactly the flows the
 * services need: default deny, then gateway←load balancer, gateway→users:3001, users→Redis:6379, DNS, scraping,
 * and where tracing is on: gateway/users→collector:4317/4318, collector→AWS:443 and →Pod Identity agent:80.
 */
class NetworkPolicyFlowsTest {
    private static final String NS = ClusterServices.NAMESPACE;

    @Test
    void eachStackAllowsExactlyTheNeededFlows() {
        for (var run : KubernetesRuns.both()) {
            assertTrue(run.stack().observability().monitoringStack());
            assertEquals(expected(run, true), flows(run), run.stack().stack());
        }
    }

    @Test
    void withoutMonitoringNoScrapeRuleIsOpened() {
        var run = KubernetesRuns.devWithoutMonitoring();
        assertEquals(expected(run, false), flows(run));
    }

    @Test
    void namespaceDeniesAllTrafficByDefault() {
        for (var run : KubernetesRuns.both()) {
            var deny = run.document("NetworkPolicy", NS, NetworkPolicies.DEFAULT_DENY);
            assertEquals(Map.of(), map(deny, "spec.podSelector.matchLabels"));
            assertEquals(List.of("Ingress", "Egress"), deny.get("spec") instanceof Map<?, ?> s ? s.get("policyTypes") : null);
            assertFalse(map(deny, "spec").containsKey("ingress"));
            assertFalse(map(deny, "spec").containsKey("egress"));
        }
    }

    @Test
    void everyPodSelectorMatchesARunningWorkload() {
        for (var run : KubernetesRuns.both()) {
            var podLabels = workloads(run).values().stream().toList();
            for (var policy : run.ofKind("NetworkPolicy")) {
                var selector = map(policy, "spec.podSelector.matchLabels");
                assertTrue(podLabels.stream().anyMatch(labels -> selects(selector, labels)),
                        "dangling podSelector in " + map(policy, "metadata").get("name"));
                for (var peer : peers(policy)) {
                    if (peer.containsKey("podSelector") && !peer.containsKey("namespaceSelector")) {
                        var peerSelector = map(peer, "podSelector.matchLabels");
                        assertTrue(podLabels.stream().anyMatch(labels -> selects(peerSelector, labels)),
                                "dangling peer selector " + peerSelector);
                    }
                }
            }
        }
    }

    /**
     * The pods of the namespace by name and labels: the Deployments, and the trace collector's pods (rendered by its
     * Helm chart in the cluster, so only its chart's selector labels are known here).
     */
    private static Map<String, Map<String, Object>> workloads(KubernetesRuns.Run run) {
        Map<String, Map<String, Object>> workloads = new java.util.HashMap<>(run.ofKind("Deployment").stream()
                .collect(Collectors.toMap(d -> (String) map(d, "metadata").get("name"),
                        d -> map(d, "spec.template.metadata.labels"))));
        boolean collector = run.ofKind("HelmRelease").stream()
                .anyMatch(r -> TraceCollector.CHART.name().equals(r.get("chart")));
        if (collector) {
            workloads.put("collector", Map.copyOf(TraceCollector.POD_LABELS));
        }
        return workloads;
    }

    private static List<Map<String, Object>> peers(Map<String, Object> policy) {
        List<Map<String, Object>> peers = new ArrayList<>();
        var spec = map(policy, "spec");
        if (spec.containsKey("ingress")) {
            list(spec, "ingress").forEach(rule -> peers.addAll(list(rule, "from")));
        }
        if (spec.containsKey("egress")) {
            list(spec, "egress").forEach(rule -> peers.addAll(list(rule, "to")));
        }
        return peers;
    }

    private static Set<String> expected(KubernetesRuns.Run run, boolean monitoring) {
        var layout = run.stack().network().subnetLayout();
        Set<String> flows = new TreeSet<>();
        boolean tracing = run.stack().observability().tracing().enabled();
        for (String pod : tracing ? List.of("gateway", "users", "collector") : List.of("gateway", "users")) {
            flows.add("egress " + pod + " -> ns:kube-system/k8s-app=kube-dns 53/UDP");
            flows.add("egress " + pod + " -> ns:kube-system/k8s-app=kube-dns 53/TCP");
        }
        layout.stream().map(SubnetPair::publicCidr).forEach(cidr -> flows.add("ingress gateway <- cidr:" + cidr + " 3000/TCP"));
        flows.add("egress gateway -> pods:users 3001/TCP");
        flows.add("ingress users <- pods:gateway 3001/TCP");
        layout.stream().map(SubnetPair::privateCidr).forEach(cidr -> flows.add("egress users -> cidr:" + cidr + " 6379/TCP"));
        if (monitoring) {
            flows.add("ingress gateway <- ns:monitoring/app.kubernetes.io/name=prometheus 3000/TCP");
            flows.add("ingress users <- ns:monitoring/app.kubernetes.io/name=prometheus 3001/TCP");
        }
        if (tracing) {
            for (String sender : List.of("gateway", "users")) {
                for (String port : List.of("4317/TCP", "4318/TCP")) {
                    flows.add("egress " + sender + " -> pods:collector " + port);
                    flows.add("ingress collector <- pods:" + sender + " " + port);
                }
            }
            flows.add("egress collector -> cidr:0.0.0.0/0 443/TCP");
            flows.add("egress collector -> cidr:169.254.170.23/32 80/TCP");
        }
        return flows;
    }

    /** Every (direction, selected workload, peer, port) the policies allow. */
    private static Set<String> flows(KubernetesRuns.Run run) {
        Map<String, Map<String, Object>> workloads = workloads(run);
        Set<String> flows = new TreeSet<>();
        for (var policy : run.ofKind("NetworkPolicy")) {
            var spec = map(policy, "spec");
            var selector = map(spec, "podSelector.matchLabels");
            var selected = workloads.entrySet().stream().filter(w -> selects(selector, w.getValue()))
                    .map(Map.Entry::getKey).toList();
            addRules(flows, spec, "ingress", "from", " <- ", selected, workloads);
            addRules(flows, spec, "egress", "to", " -> ", selected, workloads);
        }
        return flows;
    }

    private static void addRules(Set<String> flows, Map<String, Object> spec, String direction, String peersKey,
                                 String arrow, List<String> selected, Map<String, Map<String, Object>> workloads) {
        if (!spec.containsKey(direction)) {
            return;
        }
        assertTrue(((List<?>) spec.get("policyTypes")).contains(direction.equals("ingress") ? "Ingress" : "Egress"));
        for (var rule : list(spec, direction)) {
            assertTrue(rule.containsKey(peersKey) && rule.containsKey("ports"),
                    "a rule without peers or ports opens everything: " + rule);
            for (var peer : list(rule, peersKey)) {
                for (var port : list(rule, "ports")) {
                    for (String pod : selected) {
                        flows.add(direction + " " + pod + arrow + describe(peer, workloads) + " "
                                + port.get("port") + "/" + port.get("protocol"));
                    }
                }
            }
        }
    }

    private static String describe(Map<String, Object> peer, Map<String, Map<String, Object>> workloads) {
        if (peer.containsKey("ipBlock")) {
            assertFalse(map(peer, "ipBlock").containsKey("except"));
            return "cidr:" + map(peer, "ipBlock").get("cidr");
        }
        var pods = map(peer, "podSelector.matchLabels");
        if (peer.containsKey("namespaceSelector")) {
            var ns = map(peer, "namespaceSelector.matchLabels");
            assertEquals(Set.of("kubernetes.io/metadata.name"), ns.keySet());
            assertFalse(pods.isEmpty(), "a whole namespace as peer is too wide");
            return "ns:" + ns.get("kubernetes.io/metadata.name") + "/" + pods.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","));
        }
        return "pods:" + workloads.entrySet().stream().filter(w -> selects(pods, w.getValue()))
                .map(Map.Entry::getKey).sorted().collect(Collectors.joining(","));
    }
}
