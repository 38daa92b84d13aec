package com.usersplatform.stacks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go: the stack's SNS topic, which every CloudWatch alarm, the rotation-failure rule and Alertmanager
 * publish to, and its subscriptions.
 *
 * @param emailEndpoints addresses subscribed by e-mail (each confirms once from the message SNS sends)
 * @param httpsEndpoints {@code https://} URLs subscribed by HTTPS (e.g. an incident tool's SNS integration URL)
 * @param chatWebhookSecretName name of a Secrets Manager secret whose value is a Slack-compatible chat webhook
 *        {@code https://} URL; a relay function posts every alert there, reading the URL (which carries its token)
 *        from the secret, never from the stack file or the Pulumi state
 * @param cacheMemoryFullPercent the cache's "memory near maxmemory" alarm fires above this
 *        {@code DatabaseMemoryUsagePercentage} (50 to 100 exclusive): under {@code noeviction} writes are refused
 *        once it reaches 100
 */
public record AlertingConfig(
        List<String> emailEndpoints,
        List<String> httpsEndpoints,
        Optional<String> chatWebhookSecretName,
        double cacheMemoryFullPercent) {

    /** Defaults: no subscriptions (refused in production), memory alarm at 95%. */
    public static final AlertingConfig DEFAULTS = new AlertingConfig(List.of(), List.of(), Optional.empty(), 95.0);

    public AlertingConfig {
        emailEndpoints = List.copyOf(Objects.requireNonNull(emailEndpoints, "emailEndpoints"));
        httpsEndpoints = List.copyOf(Objects.requireNonNull(httpsEndpoints, "httpsEndpoints"));
        Objects.requireNonNull(chatWebhookSecretName, "chatWebhookSecretName");
    }

    /** True when at least one subscription receives the topic's messages. */
    public boolean hasSubscribers() {
        return !emailEndpoints.isEmpty() || !httpsEndpoints.isEmpty() || chatWebhookSecretName.isPresent();
    }
}
