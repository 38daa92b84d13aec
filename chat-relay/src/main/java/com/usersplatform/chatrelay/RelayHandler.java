package com.usersplatform.chatrelay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda entry point. {@code WEBHOOK_SECRET_ID} names the secret holding the webhook URL; the relay (and its
 * cached URL) lives as long as the execution environment.
 */
public final class RelayHandler implements RequestStreamHandler {

    /** Environment variable naming the webhook secret (its name or ARN). */
    public static final String SECRET_ID_VARIABLE = "WEBHOOK_SECRET_ID";

    private final Relay relay;

    /** Used by the Lambda runtime. */
    public RelayHandler() {
        this(Relay.create(AwsWebhookSecret.fromEnvironment(System.getenv()), System.out));
    }

    RelayHandler(Relay relay) {
        this.relay = relay;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        relay.deliver(SnsNotification.fromEvent(new String(input.readAllBytes(), StandardCharsets.UTF_8)));
    }
}
