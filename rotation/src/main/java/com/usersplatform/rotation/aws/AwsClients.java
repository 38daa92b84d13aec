package com.usersplatform.rotation.aws;

import com.usersplatform.rotation.RotationConfig;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * SDK clients set up for a fast Lambda cold start: the URL-connection HTTP client, and region and credentials
 * taken straight from the variables the Lambda runtime sets ({@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}...)
 * instead of probing the default provider chains.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static SecretsManagerClient secretsManager(RotationConfig config) {
        var builder = SecretsManagerClient.builder()
                .httpClient(httpClient())
                .region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        if (config.secretsManagerEndpoint() != null) {
            builder.endpointOverride(config.secretsManagerEndpoint());
        }
        return builder.build();
    }

    public static ElastiCacheClient elastiCache() {
        return ElastiCacheClient.builder()
                .httpClient(httpClient())
                .region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().build();
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (the Lambda runtime sets it)");
        }
        return Region.of(region);
    }
}
