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
import org.junit.jupiter.params.provider.CsvSource;
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
        String output = amtool(stack, "check-config");
        assertTrue(output.contains("SUCCESS"), output);
    }

    /**
     * {@code amtool config routes test} resolves a label set through the rendered routing tree and, with
     * {@code --verify.receivers}, exits non-zero when the receivers differ. Both severity vocabularies are covered:
     * {@code page|ticket} (SLO burn-rate alerts) and {@code critical|warning|info} (every other rule and the chart's).
     *
     * @see <a href="https://github.com/prometheus/alertmanager/blob/v0.25.0/cli/test_routing.go">amtool routes test</a>
     */
    @ParameterizedTest
    @CsvSource({
            "dev, alertname=Watchdog severity=none, heartbeat",
            "dev, alertname=SloErrorBudgetBurn severity=page, sns-critical",
            "dev, alertname=SloErrorBudgetBurn severity=ticket, sns-warning",
            "dev, alertname=ApiHighErrorRate severity=critical, sns-critical",
            "dev, alertname=RedisUnreachable severity=warning, sns-warning",
            "dev, alertname=KubeQuotaAlmostFull severity=info, sns-info",
            "prod, alertname=Watchdog severity=none, heartbeat",
            "prod, alertname=SloLatencyBudgetBurn severity=page, sns-critical",
            "prod, alertname=SloLatencyBudgetBurn severity=ticket, sns-warning",
            "prod, alertname=ApiHighErrorRate severity=critical, sns-critical",
            "prod, alertname=RedisUnreachable severity=warning, sns-warning",
            "prod, alertname=KubeQuotaAlmostFull severity=info, sns-info"})
    void eachSeverityReachesItsReceiver(String stack, String labels, String receiver)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--verify.receivers=" + receiver));
        args.addAll(List.of(labels.split(" ")));
        String output = amtool(stack, args.toArray(String[]::new));
        // amtool also prints a warning that --config.file overrides --alertmanager.url; the exit status is the verdict.
        assertTrue(output.lines().anyMatch(receiver::equals), labels + ": " + output);
    }

    /** Runs amtool on the stack's rendered config, asserting it exits 0; skips when amtool is not installed. */
    private String amtool(String stack, String... args) throws IOException, InterruptedException {
        Path amtool = Path.of("/usr/bin/amtool");
        Assumptions.assumeTrue(Files.isExecutable(amtool),
                "amtool not installed (apt-get install prometheus-alertmanager; CI installs it)");
        Path file = dir.resolve("alertmanager-" + stack + ".yaml");
        if (!Files.exists(file)) {
            new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), alertmanagerConfig(InfraHarness.run(stack)));
        }
        List<String> command = new ArrayList<>(List.of(amtool.toString()));
        command.addAll(List.of(args));
        if (!"check-config".equals(args[0])) {
            command.add(4, "--config.file=" + file);
        } else {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), command + ": " + output);
        return output;
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
