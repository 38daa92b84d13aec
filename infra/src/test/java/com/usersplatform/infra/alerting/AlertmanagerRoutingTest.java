package com.usersplatform.infra.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonParser;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.observability.Monitoring;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.workloads.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Alertmanager delivers every alert to SNS, its Watchdog to the dead-man's switch, and nothing to a null receiver. */
class AlertmanagerRoutingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRouteReachesAnSnsReceiverAndSeveritiesHaveTheirOwn(String stack) {
        Map<String, Object> config = alertmanagerConfig(InfraHarness.run(stack));
        List<Map<String, Object>> receivers = Yaml.list(config, "receivers");
        Map<String, String> topicByReceiver = receivers.stream().collect(Collectors.toMap(
                r -> (String) r.get("name"), r -> (String) Yaml.map(r, "sns_configs[0]").get("topic_arn")));
        receivers.forEach(r -> {
            Map<String, Object> sns = Yaml.map(r, "sns_configs[0]");
            assertEquals(Map.of("region", "eu-west-1"), sns.get("sigv4"), "signed with the pod's identity, no keys");
            assertTrue(sns.get("subject").toString().length() < 100, "SNS subjects are under 100 characters");
        });

        List<Map<String, Object>> routes = Yaml.list(config, "route.routes");
        List<String> used = new ArrayList<>(List.of((String) Yaml.at(config, "route.receiver")));
        routes.forEach(route -> used.add((String) route.get("receiver")));
        assertTrue(topicByReceiver.keySet().containsAll(used), used + " vs " + topicByReceiver.keySet());
        assertFalse(used.contains("null"));

        String alertTopic = "arn:aws:sns:eu-west-1:123456789012:users-platform-" + stack + "-alerts";
        assertEquals(Map.of("heartbeat", alertTopic + "-heartbeat", "sns-critical", alertTopic, "sns-warning", alertTopic,
                "sns-info", alertTopic), topicByReceiver);
        assertEquals(List.of("alertname = \"Watchdog\""), routes.getFirst().get("matchers"));
        assertEquals("heartbeat", routes.getFirst().get("receiver"));
        assertEquals(Set.of("critical", "warning", "info"), receivers.stream()
                .map(r -> Yaml.map(r, "sns_configs[0].attributes").get("severity")).filter(s -> !"watchdog".equals(s))
                .collect(Collectors.toSet()));
        assertTrue(Yaml.list(config, "inhibit_rules").stream().anyMatch(rule ->
                List.of("severity = critical").equals(rule.get("source_matchers"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void amtoolAcceptsTheRenderedConfig(String stack) throws IOException, InterruptedException {
        Path amtool = Path.of("/usr/bin/amtool");
        Assumptions.assumeTrue(Files.isExecutable(amtool), "amtool not installed");
        Path file = dir.resolve("alertmanager.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), alertmanagerConfig(InfraHarness.run(stack)));
        Process check = new ProcessBuilder(amtool.toString(), "check-config", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
        assertTrue(output.contains("SUCCESS"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void alertmanagersIdentityMayPublishOnlyToItsTwoTopicsAndSilenceIsAlarmed(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource association = run.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").stream()
                .filter(a -> a.name().equals("alertmanager")).findFirst().orElseThrow();
        assertEquals(Monitoring.NAMESPACE, association.inputs().get("namespace"));
        assertEquals(Yaml.at(release(run).inputs(), "values.alertmanager.serviceAccount.name"),
                association.inputs().get("serviceAccount"));

        var policy = JsonParser.parseString(String.valueOf(run.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> p.name().equals("alertmanager")).findFirst().orElseThrow().inputs().get("policy")))
                .getAsJsonObject().getAsJsonArray("Statement").get(0).getAsJsonObject();
        assertEquals("[\"sns:Publish\"]", policy.get("Action").toString());
        String alertTopic = "arn:aws:sns:eu-west-1:123456789012:users-platform-" + stack + "-alerts";
        assertEquals("[\"" + alertTopic + "\",\"" + alertTopic + "-heartbeat\"]", policy.get("Resource").toString());

        RecordedResource deadMansSwitch = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> "AWS/SNS".equals(a.inputs().get("namespace"))).findFirst().orElseThrow();
        assertEquals(Map.of("TopicName", "users-platform-" + stack + "-alerts-heartbeat"),
                deadMansSwitch.inputs().get("dimensions"));
        assertEquals("LessThanThreshold", deadMansSwitch.inputs().get("comparisonOperator"));
        assertEquals("breaching", deadMansSwitch.inputs().get("treatMissingData"));
    }

    private static RecordedResource release(OfflineRun.Result run) {
        return run.ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> Monitoring.CHART.name().equals(r.inputs().get("chart"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> alertmanagerConfig(OfflineRun.Result run) {
        return Yaml.map(release(run).inputs(), "values.alertmanager.config");
    }
}
