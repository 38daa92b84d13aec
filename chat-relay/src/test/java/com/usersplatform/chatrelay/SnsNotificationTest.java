package com.usersplatform.chatrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnsNotificationTest {

    /** The event shape of https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html, with Alertmanager's attribute. */
    static String event(String subject, String message, String severity) {
        return """
                {"Records":[{"EventVersion":"1.0","EventSource":"aws:sns",
                  "EventSubscriptionArn":"arn:aws:sns:eu-west-1:123456789012:alerts:0b4c",
                  "Sns":{"Type":"Notification","MessageId":"95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                    "TopicArn":"arn:aws:sns:eu-west-1:123456789012:alerts","Subject":%s,
                    "Message":%s,"Timestamp":"2026-11-30T12:45:07.000Z","SignatureVersion":"1",
                    "MessageAttributes":%s}}]}"""
                .formatted(subject == null ? "null" : com.google.gson.JsonParser.parseString('"' + subject + '"'),
                        new com.google.gson.JsonPrimitive(message),
                        severity == null ? "{}" : "{\"severity\":{\"Type\":\"String\",\"Value\":\"" + severity + "\"}}");
    }

    @Test
    void readsTheSnsRecord() {
        List<SnsNotification> notifications = SnsNotification.fromEvent(event("Disk full", "body", "critical"));

        assertEquals(List.of(new SnsNotification("95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                "arn:aws:sns:eu-west-1:123456789012:alerts", Optional.of("Disk full"), "body",
                Optional.of("critical"))), notifications);
    }

    @Test
    void subjectAndSeverityAreOptional() {
        SnsNotification notification = SnsNotification.fromEvent(event(null, "body", null)).get(0);

        assertEquals(Optional.empty(), notification.subject());
        assertEquals(Optional.empty(), notification.severity());
    }

    @Test
    void refusesWhatIsNotAnSnsEvent() {
        assertEquals("event has no Records array: not an SNS event", assertThrows(IllegalArgumentException.class,
                () -> SnsNotification.fromEvent("{\"detail-type\":\"x\"}")).getMessage());
        assertEquals("event record has no Sns object: not an SNS event", assertThrows(IllegalArgumentException.class,
                () -> SnsNotification.fromEvent("{\"Records\":[{\"s3\":{}}]}")).getMessage());
        assertEquals("event is not JSON", assertThrows(IllegalArgumentException.class,
                () -> SnsNotification.fromEvent("{\"Records\":")).getMessage());
    }
}
