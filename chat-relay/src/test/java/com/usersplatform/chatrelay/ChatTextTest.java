package com.usersplatform.chatrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatTextTest {

    private static SnsNotification notification(Optional<String> subject, String message, Optional<String> severity) {
        return new SnsNotification("id-1", "arn:aws:sns:eu-west-1:123456789012:alerts", subject, message, severity);
    }

    @Test
    void cloudWatchAlarmShowsStateNameDescriptionAndReason() {
        // The message body CloudWatch publishes for an alarm's state change (fields as in AWS's sample payloads).
        String alarm = """
                {"AlarmName":"users-platform-prod-redis-memory-full","AlarmDescription":"Redis memory near maxmemory",
                 "AWSAccountId":"123456789012","NewStateValue":"ALARM",
                 "NewStateReason":"Threshold Crossed: 1 datapoint [96.0] was greater than the threshold (95.0).",
                 "StateChangeTime":"2026-11-30T17:43:27.123+0000","Region":"EU (Ireland)","OldStateValue":"OK"}""";

        assertEquals("""
                *[ALARM] users-platform-prod-redis-memory-full*
                Redis memory near maxmemory
                Threshold Crossed: 1 datapoint [96.0] was greater than the threshold (95.0).
                Region: EU (Ireland)""", ChatText.of(notification(Optional.of("ALARM: x"), alarm, Optional.empty())));
    }

    @Test
    void eventBridgeEventShowsTheEventNameAndResources() {
        String event = """
                {"version":"0","id":"7bf73129","detail-type":"AWS Service Event via CloudTrail",
                 "source":"aws.secretsmanager","region":"eu-west-1","resources":["arn:aws:secretsmanager:x"],
                 "detail":{"eventSource":"secretsmanager.amazonaws.com","eventName":"RotationFailed"}}""";

        assertEquals("""
                *[EVENT] RotationFailed*
                Source: aws.secretsmanager
                Resources: ["arn:aws:secretsmanager:x"]
                Region: eu-west-1""", ChatText.of(notification(Optional.empty(), event, Optional.empty())));
    }

    @Test
    void eventWithoutAnEventNameUsesItsDetailType() {
        String event = "{\"detail-type\":\"EC2 Spot Instance Interruption Warning\",\"source\":\"aws.ec2\"}";

        assertTrue(ChatText.of(notification(Optional.empty(), event, Optional.empty()))
                .startsWith("*[EVENT] EC2 Spot Instance Interruption Warning*\n"));
    }

    @Test
    void textMessageUsesSubjectAndSeverity() {
        assertEquals("*[CRITICAL] ApiHighErrorRate*\n5% of requests failed",
                ChatText.of(notification(Optional.of("ApiHighErrorRate"), "5% of requests failed",
                        Optional.of("critical"))));
        assertEquals("*Alert*\n{not json", ChatText.of(notification(Optional.empty(), "{not json", Optional.empty())));
    }

    @Test
    void notificationTextCannotMentionEveryoneOrForgeLinks() {
        String text = ChatText.of(notification(Optional.of("<!channel> & co"),
                "see <https://evil.example|the runbook>", Optional.empty()));

        assertEquals("*&lt;!channel&gt; &amp; co*\nsee &lt;https://evil.example|the runbook&gt;", text);
        assertFalse(text.contains("<"));
    }

    @Test
    void longMessagesAreCut() {
        String text = ChatText.of(notification(Optional.empty(), "x".repeat(10_000), Optional.empty()));

        assertEquals(ChatText.MAX_LENGTH, text.length());
        assertTrue(text.endsWith("…"));
        assertEquals("*Alert*\nshort", ChatText.of(notification(Optional.empty(), "short", Optional.empty())));
        String exactlyMax = "x".repeat(ChatText.MAX_LENGTH - "*Alert*\n".length());
        assertEquals("*Alert*\n" + exactlyMax, ChatText.of(notification(Optional.empty(), exactlyMax, Optional.empty())));
    }
}
