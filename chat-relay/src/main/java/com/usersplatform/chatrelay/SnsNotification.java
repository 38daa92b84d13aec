package com.usersplatform.chatrelay;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SNS notification as SNS hands it to a subscribed Lambda function: the event's {@code Records[].Sns} object.
 *
 * @param messageId unique per published message (SNS reuses it when it retries)
 * @param topicArn  the topic it was published to
 * @param subject   the publisher's subject, if any (CloudWatch alarms and Alertmanager set one)
 * @param message   the body: a CloudWatch alarm or EventBridge event as JSON, or Alertmanager's text
 * @param severity  the {@code severity} message attribute Alertmanager sets, if any
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html">Invoking Lambda with SNS: event shape</a>
 */
public record SnsNotification(String messageId, String topicArn, Optional<String> subject, String message,
                              Optional<String> severity) {

    /**
     * The notifications of one invocation's event.
     *
     * @throws IllegalArgumentException if the event is not an SNS event (no {@code Records[].Sns})
     */
    public static List<SnsNotification> fromEvent(String eventJson) {
        JsonElement root;
        try {
            root = JsonParser.parseString(eventJson);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("event is not JSON", e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("Records")
                || !root.getAsJsonObject().get("Records").isJsonArray()) {
            throw new IllegalArgumentException("event has no Records array: not an SNS event");
        }
        List<SnsNotification> notifications = new ArrayList<>();
        for (JsonElement record : root.getAsJsonObject().getAsJsonArray("Records")) {
            JsonObject sns = record.isJsonObject() ? object(record.getAsJsonObject(), "Sns") : null;
            if (sns == null) {
                throw new IllegalArgumentException("event record has no Sns object: not an SNS event");
            }
            JsonObject attributes = object(sns, "MessageAttributes");
            JsonObject severity = attributes == null ? null : object(attributes, "severity");
            notifications.add(new SnsNotification(text(sns, "MessageId").orElse(""),
                    text(sns, "TopicArn").orElse(""), text(sns, "Subject"), text(sns, "Message").orElse(""),
                    severity == null ? Optional.empty() : text(severity, "Value")));
        }
        return notifications;
    }

    private static JsonObject object(JsonObject parent, String member) {
        JsonElement value = parent.get(member);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    static Optional<String> text(JsonObject parent, String member) {
        JsonElement value = parent.get(member);
        return value != null && value.isJsonPrimitive() && !value.getAsString().isBlank()
                ? Optional.of(value.getAsString()) : Optional.empty();
    }
}
