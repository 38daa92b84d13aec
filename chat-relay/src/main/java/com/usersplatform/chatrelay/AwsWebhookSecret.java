package com.usersplatform.chatrelay;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The webhook URL from Secrets Manager ({@code GetSecretValue} on the current version). */
public final class AwsWebhookSecret implements WebhookSecret {

    private final SecretsManagerClient client;
    private final String secretId;

    public AwsWebhookSecret(SecretsManagerClient client, String secretId) {
        this.client = client;
        this.secretId = secretId;
    }

    /**
     * A reader set up for a fast cold start: the URL-connection HTTP client, region and credentials straight from
     * the variables the Lambda runtime sets instead of the default provider chains.
     */
    public static AwsWebhookSecret fromEnvironment(Map<String, String> environment) {
        String secretId = environment.get(RelayHandler.SECRET_ID_VARIABLE);
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalStateException(RelayHandler.SECRET_ID_VARIABLE + " is not set");
        }
        String region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (the Lambda runtime sets it)");
        }
        return new AwsWebhookSecret(SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build(), secretId);
    }

    @Override
    public String read() {
        return client.getSecretValue(request -> request.secretId(secretId)).secretString();
    }
}
