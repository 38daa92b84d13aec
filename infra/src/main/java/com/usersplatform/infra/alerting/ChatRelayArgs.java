package com.usersplatform.infra.alerting;

import com.pulumi.core.Output;

/**
 * Inputs of {@link ChatRelay}.
 *
 * @param functionName      the relay function's name, unique per account and region
 * @param artifactPath      the relay's jar ({@code chat-relay/target/chat-relay-lambda.jar}), relative to where
 *                          Pulumi runs the program
 * @param webhookSecretName the secret whose value is the chat webhook's {@code https://} URL (created by the operator)
 * @param webhookSecretArn  that secret's ARN pattern for IAM, see {@link ChatRelay#secretArnPattern}
 * @param topicArn          the alert topic the relay subscribes to and its errors alarm reports to
 * @param logRetentionDays  retention of the function's log group
 */
public record ChatRelayArgs(String functionName, String artifactPath, String webhookSecretName,
                            Output<String> webhookSecretArn, Output<String> topicArn, int logRetentionDays) {
}
