package com.usersplatform.chatrelay;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The chat line for a notification, in the {@code text} dialect that Slack-compatible incoming webhooks read
 * (Slack, Mattermost, Rocket.Chat, Google Chat): a bold headline and the essentials, nothing the reader must decode.
 * Everything from the notification is escaped, so an alert label cannot mention {@code @channel} or forge a link.
 */
public final class ChatText {

    /**
     * Longest text posted. Slack truncates a message's text after 40,000 characters and advises far less; an alert
     * needs a few lines, and a cut message still links nothing it should not.
     * https://api.slack.com/methods/chat.postMessage#truncating
     */
    public static final int MAX_LENGTH = 3_000;

    private ChatText() {
    }

    /** The text for {@code notification}. */
    public static String of(SnsNotification notification) {
        Optional<JsonObject> json = jsonObject(notification.message());
        String text;
        if (json.isPresent() && json.get().has("AlarmName")) {
            text = alarm(json.get());
        } else if (json.isPresent() && json.get().has("detail-type")) {
            text = event(json.get());
        } else {
            String headline = notification.subject().orElse("Alert");
            text = "*" + severityPrefix(notification) + escape(headline) + "*\n" + escape(notification.message());
        }
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    /**
     * A CloudWatch alarm's state change, whose SNS message is the alarm JSON ({@code AlarmName},
     * {@code NewStateValue}, {@code NewStateReason}, {@code AlarmDescription}, {@code Region}).
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
     */
    private static String alarm(JsonObject alarm) {
        String state = SnsNotification.text(alarm, "NewStateValue").orElse("UNKNOWN");
        StringJoiner lines = new StringJoiner("\n");
        lines.add("*[" + escape(state) + "] " + escape(SnsNotification.text(alarm, "AlarmName").orElse("")) + "*");
        SnsNotification.text(alarm, "AlarmDescription").ifPresent(d -> lines.add(escape(d)));
        SnsNotification.text(alarm, "NewStateReason").ifPresent(r -> lines.add(escape(r)));
        SnsNotification.text(alarm, "Region").ifPresent(r -> lines.add("Region: " + escape(r)));
        return lines.toString();
    }

    /**
     * An EventBridge event delivered to the topic (e.g. Secrets Manager's {@code RotationFailed}, which arrives as
     * {@code AWS Service Event via CloudTrail} with the event name in {@code detail.eventName}).
     * https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
     */
    private static String event(JsonObject event) {
        StringJoiner lines = new StringJoiner("\n");
        String headline = SnsNotification.text(event, "detail-type").orElse("");
        JsonElement detail = event.get("detail");
        if (detail != null && detail.isJsonObject()) {
            Optional<String> name = SnsNotification.text(detail.getAsJsonObject(), "eventName");
            if (name.isPresent()) {
                headline = name.get();
            }
        }
        lines.add("*[EVENT] " + escape(headline) + "*");
        SnsNotification.text(event, "source").ifPresent(s -> lines.add("Source: " + escape(s)));
        JsonElement resources = event.get("resources");
        if (resources != null && resources.isJsonArray() && !resources.getAsJsonArray().isEmpty()) {
            lines.add("Resources: " + escape(resources.getAsJsonArray().toString()));
        }
        SnsNotification.text(event, "region").ifPresent(r -> lines.add("Region: " + escape(r)));
        return lines.toString();
    }

    private static String severityPrefix(SnsNotification notification) {
        return notification.severity().map(s -> "[" + escape(s.toUpperCase(java.util.Locale.ROOT)) + "] ").orElse("");
    }

    /**
     * Slack reads {@code &}, {@code <} and {@code >} as control characters (links, mentions such as
     * {@code <!channel>}); as text they must be sent as HTML entities, and nothing else may be encoded.
     * https://api.slack.com/reference/surfaces/formatting#escaping
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Optional<JsonObject> jsonObject(String message) {
        String trimmed = message.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonElement parsed = JsonParser.parseString(trimmed);
            return parsed.isJsonObject() ? Optional.of(parsed.getAsJsonObject()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
