package com.usersplatform.infra.alerting;

import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of {@link AlertTopic}.
 *
 * @param topicName             {@code String}, required: the topic's name, unique per account and region
 * @param accountId             {@code Output<String>}, required: only this account's alarms and rules may publish
 * @param accountRootPrincipal  {@code Output<String>}, required: {@code arn:aws:iam::<account>:root}, administers the key
 * @param deletionWindowDays    {@code int}, 7 to 30: days the topic's key can still be recovered after deletion
 * @param emailEndpoints        {@code List<String>}: e-mail subscriptions
 * @param httpsEndpoints        {@code List<String>}: HTTPS subscriptions
 */
public record AlertTopicArgs(String topicName, Output<String> accountId, Output<String> accountRootPrincipal,
                             int deletionWindowDays, List<String> emailEndpoints, List<String> httpsEndpoints) {

    public AlertTopicArgs {
        emailEndpoints = List.copyOf(emailEndpoints);
        httpsEndpoints = List.copyOf(httpsEndpoints);
    }
}
