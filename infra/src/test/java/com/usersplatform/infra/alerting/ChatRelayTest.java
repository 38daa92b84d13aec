package com.usersplatform.infra.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A chat channel hears the alert topic through the relay function, never through an HTTPS subscription. */
class ChatRelayTest {

    private static final String SECRET = "users-platform/dev/chat-webhook";

    private static OfflineRun.Result withChat() {
        return InfraHarness.run("dev", config -> config.put("users-platform:alerting",
                "{\"chatWebhookSecretName\":\"" + SECRET + "\"}"));
    }

    private static RecordedResource relayFunction(OfflineRun.Result run) {
        return run.ofType("aws:lambda/function:Function").stream()
                .filter(f -> "users-platform-dev-chat-relay".equals(f.inputs().get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no chat relay function"));
    }

    @Test
    void theRelayIsSubscribedByLambdaAndInvokableOnlyByTheTopic() {
        OfflineRun.Result run = withChat();
        RecordedResource function = relayFunction(run);
        assertEquals(ChatRelay.HANDLER, function.inputs().get("handler"));
        assertEquals("java21", function.inputs().get("runtime"));
        assertNull(function.inputs().get("vpcConfig"), "it needs the public chat endpoint, not the VPC");

        RecordedResource subscription = run.single("aws:sns/topicSubscription:TopicSubscription");
        assertEquals("lambda", subscription.inputs().get("protocol"));
        // Offline, a function's ARN is the stand-in ARN of the relay's logical name.
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:chat-relay",
                subscription.inputs().get("endpoint"));
        RecordedResource permission = run.ofType("aws:lambda/permission:Permission").stream()
                .filter(p -> "sns.amazonaws.com".equals(p.inputs().get("principal"))).findFirst().orElseThrow();
        assertEquals(AlertRoutingTest.topicArn(run), permission.inputs().get("sourceArn"));
        assertTrue(subscription.dependsOn().contains(permission.key()),
                "the first notification must find the invoke permission: " + subscription.dependsOn());
    }

    @Test
    void theWebhookUrlStaysInTheSecret() {
        OfflineRun.Result run = withChat();
        assertEquals(Map.of("variables", Map.of(ChatRelay.SECRET_ID_VARIABLE, SECRET)),
                relayFunction(run).inputs().get("environment"));
        RecordedResource policy = run.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> p.name().startsWith("chat-relay")).findFirst().orElseThrow();
        JsonObject read = AlertRoutingTest.statement(policy.inputs().get("policy"), "ReadTheWebhookSecret");
        assertEquals("[\"secretsmanager:GetSecretValue\"]", read.get("Action").toString());
        assertEquals("[\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + SECRET + "-??????\"]",
                read.get("Resource").toString());
        assertFalse(run.ofType("aws:sns/topicSubscription:TopicSubscription").stream()
                .anyMatch(s -> "https".equals(s.inputs().get("protocol"))));
    }

    @Test
    void failedPostsRaiseAnAlarmOnTheTopic() {
        OfflineRun.Result run = withChat();
        RecordedResource alarm = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> a.name().equals("chat-relay-errors")).findFirst().orElseThrow();
        assertEquals(Map.of("FunctionName", "users-platform-dev-chat-relay"), alarm.inputs().get("dimensions"));
        assertEquals(List.of(AlertRoutingTest.topicArn(run)), alarm.inputs().get("alarmActions"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noRelayWithoutAChatSecret(String stack) {
        assertEquals(0, InfraHarness.run(stack).ofType("users-platform:alerting:ChatRelay").size());
    }
}
