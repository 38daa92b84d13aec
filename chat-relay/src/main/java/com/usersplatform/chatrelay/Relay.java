package com.usersplatform.chatrelay;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Posts each notification's {@link ChatText} to the chat webhook. The URL comes from the secret and is kept for
 * {@link #URL_TTL}, so a replaced webhook is picked up within minutes without a deploy; a failed post forgets it.
 * A failure throws: SNS invokes the function asynchronously, and Lambda retries a failed asynchronous invocation
 * twice before dropping it (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html); the
 * function's {@code Errors} alarm tells the other subscribers. The URL carries the webhook's token, so it is never
 * logged nor put in an exception.
 */
public final class Relay {

    /** How long a read webhook URL is used before the secret is read again. */
    public static final Duration URL_TTL = Duration.ofMinutes(5);
    /** Longest wait for the chat service, well inside the function's timeout. */
    public static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

    private final WebhookSecret secret;
    private final HttpClient http;
    private final Clock clock;
    private final PrintStream log;
    private URI url;
    private Instant urlReadAt = Instant.MIN;

    public Relay(WebhookSecret secret, HttpClient http, Clock clock, PrintStream log) {
        this.secret = secret;
        this.http = http;
        this.clock = clock;
        this.log = log;
    }

    /** A relay with a client whose connect timeout is {@link #POST_TIMEOUT}. */
    public static Relay create(WebhookSecret secret, PrintStream log) {
        return new Relay(secret, HttpClient.newBuilder().connectTimeout(POST_TIMEOUT).build(),
                Clock.systemUTC(), log);
    }

    /**
     * Posts every notification, in order.
     *
     * @throws RelayException if the secret holds no {@code https://} URL or the chat service does not accept a post
     */
    public synchronized void deliver(List<SnsNotification> notifications) {
        for (SnsNotification notification : notifications) {
            int status = post(webhookUrl(), ChatText.of(notification));
            if (status / 100 != 2) {
                url = null;
                log("ERROR", "chat webhook refused the message", notification, status);
                throw new RelayException("chat webhook answered HTTP " + status + " for message "
                        + notification.messageId());
            }
            log("INFO", "relayed to chat", notification, status);
        }
    }

    private URI webhookUrl() {
        Instant now = clock.instant();
        if (url == null || !now.isBefore(urlReadAt.plus(URL_TTL))) {
            url = parse(secret.read());
            urlReadAt = now;
        }
        return url;
    }

    /** The secret's value as a webhook URL: one absolute {@code https://} URL, nothing else. */
    static URI parse(String secretValue) {
        URI parsed;
        try {
            parsed = URI.create(secretValue.strip());
        } catch (IllegalArgumentException e) {
            throw new RelayException("the webhook secret does not hold a URL");
        }
        if (!"https".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
            throw new RelayException("the webhook secret must hold an https:// URL");
        }
        return parsed;
    }

    private int post(URI target, String text) {
        JsonObject body = new JsonObject();
        body.addProperty("text", text);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(POST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            url = null;
            throw new RelayException("chat webhook unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("interrupted while posting to the chat webhook");
        }
    }

    private void log(String level, String message, SnsNotification notification, int status) {
        JsonObject line = new JsonObject();
        line.addProperty("timestamp", clock.instant().toString());
        line.addProperty("level", level);
        line.addProperty("message", message);
        line.addProperty("messageId", notification.messageId());
        line.addProperty("topicArn", notification.topicArn());
        line.addProperty("status", status);
        log.println(line);
    }
}
