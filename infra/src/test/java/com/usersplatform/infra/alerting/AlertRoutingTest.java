package com.usersplatform.infra.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every alarm reaches the stack's encrypted topic, and the topic reaches the stack's subscribers. */
class AlertRoutingTest {

    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final String TOPIC = "aws:sns/topic:Topic";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAlarmNotifiesTheTopicOnAlarmAndOnRecovery(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        List<Object> topic = List.of(topicArn(run));
        List<RecordedResource> alarms = run.ofType(ALARM);
        assertFalse(alarms.isEmpty());
        for (RecordedResource alarm : alarms) {
            assertEquals(topic, alarm.inputs().get("alarmActions"), alarm.name());
            assertEquals(topic, alarm.inputs().get("okActions"), alarm.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noAlarmWaitsForEvictionsThatNoevictionNeverMakes(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        Set<Object> metrics = run.ofType(ALARM).stream().map(a -> a.inputs().get("metricName"))
                .collect(Collectors.toSet());
        assertFalse(metrics.contains("Evictions"), metrics.toString());
        List<RecordedResource> full = run.ofType(ALARM).stream().filter(a -> a.name().endsWith("-memory-full")).toList();
        assertFalse(full.isEmpty());
        full.forEach(a -> {
            assertEquals("DatabaseMemoryUsagePercentage", a.inputs().get("metricName"));
            assertEquals("Maximum", a.inputs().get("statistic"));
            assertEquals(95.0, a.inputs().get("threshold"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTopicIsEncryptedWithAKeyCloudWatchAndEventBridgeMayUse(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource topic = run.ofType(TOPIC).stream().filter(t -> t.name().equals("alerts")).findFirst()
                .orElseThrow();
        RecordedResource key = run.ofType("aws:kms/key:Key").stream().filter(k -> k.name().equals("alerts"))
                .findFirst().orElseThrow();
        assertEquals("arn:aws:kms:eu-west-1:123456789012:key/alerts-key-id", topic.inputs().get("kmsMasterKeyId"));
        JsonObject services = statement(key.inputs().get("policy"), "AlarmAndEventPublishers");
        assertEquals("[\"cloudwatch.amazonaws.com\",\"events.amazonaws.com\"]",
                services.getAsJsonObject("Principal").get("Service").toString());
        assertEquals("[\"kms:Decrypt\",\"kms:GenerateDataKey*\"]", services.get("Action").toString());

        JsonObject publish = statement(run.single("aws:sns/topicPolicy:TopicPolicy").inputs().get("policy"),
                "AlarmAndEventPublishers");
        assertEquals("\"sns:Publish\"", publish.get("Action").toString());
        assertEquals(topicArn(run), publish.get("Resource").getAsString());
        assertEquals("123456789012", publish.getAsJsonObject("Condition").getAsJsonObject("StringEquals")
                .get("aws:SourceAccount").getAsString());
    }

    @Test
    void subscriptionsComeFromTheStack() {
        OfflineRun.Result prod = InfraHarness.run("prod");
        assertEquals(List.of(Map.of("protocol", "email", "endpoint", "oncall@example.com")), subscriptions(prod));
        assertTrue(subscriptions(InfraHarness.run("dev")).isEmpty());

        OfflineRun.Result https = InfraHarness.run("dev", config -> config.put("users-platform:alerting",
                "{\"httpsEndpoints\":[\"https://events.example.com/sns\"]}"));
        assertEquals(List.of(Map.of("protocol", "https", "endpoint", "https://events.example.com/sns")),
                subscriptions(https));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rotationFailuresAndFunctionErrorsReachTheTopic(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource errors = run.ofType(ALARM).stream().filter(a -> "AWS/Lambda".equals(a.inputs().get("namespace")))
                .findFirst().orElseThrow(() -> new AssertionError("no alarm on the rotation function"));
        assertEquals("Errors", errors.inputs().get("metricName"));
        assertEquals(Map.of("FunctionName", run.single("aws:lambda/function:Function").inputs().get("name")),
                errors.inputs().get("dimensions"));

        // The rotation rule (Karpenter's interruption rules are asserted by autoscaling.NodeAutoscalingTest).
        var rule = run.ofType("aws:cloudwatch/eventRule:EventRule").stream()
                .filter(r -> String.valueOf(r.inputs().get("eventPattern")).contains("aws.secretsmanager"))
                .findFirst().orElseThrow();
        JsonObject pattern = JsonParser.parseString(String.valueOf(rule.inputs().get("eventPattern"))).getAsJsonObject();
        assertEquals("[\"aws.secretsmanager\"]", pattern.get("source").toString());
        assertEquals("[\"AWS Service Event via CloudTrail\"]", pattern.get("detail-type").toString());
        assertTrue(pattern.getAsJsonObject("detail").get("eventName").toString().contains("\"RotationFailed\""));
        assertEquals(1, run.ofType("aws:cloudwatch/eventTarget:EventTarget").stream()
                .filter(t -> topicArn(run).equals(t.inputs().get("arn"))).count(), "the rotation rule targets the topic");
    }

    static String topicArn(OfflineRun.Result run) {
        return "arn:aws:sns:eu-west-1:123456789012:" + run.ofType(TOPIC).stream()
                .filter(t -> t.name().equals("alerts")).findFirst().orElseThrow().inputs().get("name");
    }

    static List<Map<String, Object>> subscriptions(OfflineRun.Result run) {
        return run.ofType("aws:sns/topicSubscription:TopicSubscription").stream()
                .map(s -> Map.of("protocol", s.inputs().get("protocol"), "endpoint", s.inputs().get("endpoint")))
                .toList();
    }

    static JsonObject statement(Object policy, String sid) {
        for (var statement : JsonParser.parseString(String.valueOf(policy)).getAsJsonObject().getAsJsonArray("Statement")) {
            if (statement.getAsJsonObject().get("Sid").getAsString().equals(sid)) {
                return statement.getAsJsonObject();
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }
}
