package com.usersplatform.infra.observability;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.list;
import static com.usersplatform.infra.workloads.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.KubernetesRuns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The on-call dashboards as the program renders them: a ConfigMap per dashboard for Grafana's sidecar, CloudWatch
 * panels in the stack's region on the provisioned CloudWatch data source, every PromQL query accepted by promtool, and
 * the queries exported for the live test in the gateway module ({@code DashboardQueriesLiveTest}).
 */
class DashboardsTest {
    /**
     * The export the gateway's live test reads: every Prometheus query of every panel ("dashboard / panel / refId" →
     * PromQL) and the rules file of the dev stack. Regenerate with {@code -Dobservability.queries.update=true}.
     */
    static final Path EXPORT = Path.of("src/test/resources/observability");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDashboardIsAConfigMapTheSidecarLoadsWithCloudWatchInTheStacksRegion(String stack) {
        var run = "dev".equals(stack) ? KubernetesRuns.dev() : KubernetesRuns.prod();
        String region = run.stack().awsRegion();
        for (String name : OnCallDashboards.NAMES) {
            var configMap = run.document("ConfigMap", Monitoring.NAMESPACE, "users-platform-" + name + "-dashboard");
            assertEquals("1", at(configMap, "metadata.labels." + Monitoring.DASHBOARD_LABEL));
            JsonObject dashboard = JsonParser.parseString((String) map(configMap, "data")
                    .get("users-platform-" + name + ".json")).getAsJsonObject();
            assertEquals("users-platform-" + name, dashboard.get("uid").getAsString());
            for (var panel : dashboard.getAsJsonArray("panels")) {
                String source = panel.getAsJsonObject().getAsJsonObject("datasource").get("type").getAsString();
                for (var target : panel.getAsJsonObject().getAsJsonArray("targets")) {
                    JsonObject t = target.getAsJsonObject();
                    if ("cloudwatch".equals(source)) {
                        assertEquals(region, t.get("region").getAsString(), panel.toString());
                        assertTrue(t.get("namespace").getAsString().startsWith("AWS/"), panel.toString());
                    } else {
                        assertEquals("prometheus", source);
                        assertFalse(t.get("expr").getAsString().isBlank(), panel.toString());
                    }
                }
            }
        }
        List<Map<String, Object>> sources = list(grafanaValues(run), "additionalDataSources");
        assertEquals(List.of(Map.of("name", "CloudWatch", "type", "cloudwatch", "uid", "cloudwatch", "access", "proxy",
                "jsonData", Map.of("authType", "default", "defaultRegion", region))), sources);
    }

    @Test
    void onCallPanelsCoverCapacityDataTierRotationAndEdge() {
        String all = String.join("\n", queries("users-platform", "eu-west-1").values())
                + OnCallDashboards.dataTier("users-platform", "eu-west-1")
                + OnCallDashboards.edge("users-platform", "eu-west-1");
        for (String wanted : List.of("kube_horizontalpodautoscaler_spec_max_replicas", "kube_node_info",
                "kube_pod_status_phase", "redis_credentials_stale_seconds", "redis_credentials_rejected_total",
                "circuit_breaker_state", "upstream_request_duration_seconds_count", "401|413|429",
                "\"EngineCPUUtilization\"", "\"DatabaseMemoryUsagePercentage\"", "\"CurrConnections\"",
                "\"AWS/WAFV2\"", "\"BlockedRequests\"")) {
            assertTrue(all.contains(wanted), wanted);
        }
    }

    /** promtool parses every panel query, written as a recording rule of a rules file. */
    @Test
    void promtoolAcceptsEveryPanelQuery() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool not installed: apt-get install prometheus (CI installs it)");
        List<Map<String, Object>> rules = new ArrayList<>();
        queries(ClusterServices.NAMESPACE, "eu-west-1").forEach((panel, expr) ->
                rules.add(Map.of("record", "dashboard:query", "expr", expr, "labels", Map.of("panel", panel))));
        Path file = Files.createDirectories(Path.of("target/dashboards")).resolve("panel-queries.yaml");
        YAML.writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "panels", "rules", rules))));
        Process check = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
    }

    /**
     * The checked-in export equals what the program renders now, so the live test queries the real panels and
     * rules. {@code -Dobservability.queries.update=true} rewrites it.
     */
    @Test
    void exportForTheLiveTestIsInSync() throws IOException {
        Map<String, String> files = Map.of(
                // JSON (no comments): the gateway's test classpath has Jackson databind, not its YAML module.
                "panel-queries.json", new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(queries(ClusterServices.NAMESPACE, "eu-west-1")) + "\n",
                "rules.yaml", "# Generated by DashboardsTest: the dev stack's PrometheusRule spec (a rules file).\n"
                        + YAML.writeValueAsString(map(KubernetesRuns.dev().document("PrometheusRule",
                        ClusterServices.NAMESPACE, "users-platform-alerts"), "spec")));
        for (var file : files.entrySet()) {
            Path path = EXPORT.resolve(file.getKey());
            if (Boolean.getBoolean("observability.queries.update")) {
                Files.createDirectories(EXPORT);
                Files.writeString(path, file.getValue());
            }
            assertTrue(Files.exists(path), path + " missing: run with -Dobservability.queries.update=true");
            assertEquals(file.getValue(), Files.readString(path),
                    path + " is stale: run DashboardsTest with -Dobservability.queries.update=true");
        }
    }

    /** "dashboard / panel title / refId" → PromQL, every Prometheus target of every dashboard, in order. */
    static Map<String, String> queries(String ns, String region) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String name : OnCallDashboards.NAMES) {
            JsonObject dashboard = JsonParser.parseString(OnCallDashboards.json(name, ns, region)).getAsJsonObject();
            for (var p : dashboard.getAsJsonArray("panels")) {
                JsonObject panel = p.getAsJsonObject();
                if (!"prometheus".equals(panel.getAsJsonObject("datasource").get("type").getAsString())) {
                    continue;
                }
                for (var t : panel.getAsJsonArray("targets")) {
                    queries.put(name + " / " + panel.get("title").getAsString() + " / "
                            + t.getAsJsonObject().get("refId").getAsString(), t.getAsJsonObject().get("expr").getAsString());
                }
            }
        }
        assertFalse(queries.isEmpty());
        return queries;
    }

    private static Map<String, Object> grafanaValues(KubernetesRuns.Run run) {
        return map(run.result().ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> Monitoring.CHART.name().equals(r.inputs().get("chart"))).findFirst().orElseThrow()
                .inputs(), "values.grafana");
    }
}
