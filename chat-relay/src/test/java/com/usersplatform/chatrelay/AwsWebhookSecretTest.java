package com.usersplatform.chatrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The real SDK client against a 127.0.0.1 endpoint answering in GetSecretValue's documented JSON. */
class AwsWebhookSecretTest {

    @Test
    void theLambdaEnvironmentMustNameTheSecretAndTheRegion() {
        assertEquals("WEBHOOK_SECRET_ID is not set", assertThrows(IllegalStateException.class,
                () -> AwsWebhookSecret.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"))).getMessage());
        assertEquals("WEBHOOK_SECRET_ID is not set", assertThrows(IllegalStateException.class,
                () -> AwsWebhookSecret.fromEnvironment(Map.of("WEBHOOK_SECRET_ID", " ", "AWS_REGION", "eu-west-1")))
                .getMessage());
        assertEquals("AWS_REGION is not set (the Lambda runtime sets it)", assertThrows(IllegalStateException.class,
                () -> AwsWebhookSecret.fromEnvironment(Map.of("WEBHOOK_SECRET_ID", "alerts/chat"))).getMessage());
        assertEquals("AWS_REGION is not set (the Lambda runtime sets it)", assertThrows(IllegalStateException.class,
                () -> AwsWebhookSecret.fromEnvironment(Map.of("WEBHOOK_SECRET_ID", "alerts/chat", "AWS_REGION", "")))
                .getMessage());
        assertNotNull(AwsWebhookSecret.fromEnvironment(Map.of("WEBHOOK_SECRET_ID", "alerts/chat",
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "s")));
    }

    @Test
    void readsTheCurrentSecretString() throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
            byte[] body = "{\"Name\":\"alerts/chat\",\"SecretString\":\"https://hooks.example/T/B/x\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + api.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {

            assertEquals("https://hooks.example/T/B/x", new AwsWebhookSecret(client, "alerts/chat").read());
            assertEquals(List.of("secretsmanager.GetSecretValue {\"SecretId\":\"alerts/chat\"}"), requests);
        } finally {
            api.stop(0);
        }
    }
}
