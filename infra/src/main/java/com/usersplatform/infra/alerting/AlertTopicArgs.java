package com.usersplatform.infra.alerting;

import com.pulumi.core.Output;
import com.usersplatform.infra.args.ComponentArgs;

import java.util.List;

/**
 * Inputs of {@link AlertTopic}; build them with {@link #builder()} ({@link ComponentArgs}).
 *
 * @param topicName             {@code String}, required: the topic's name, unique per account and region
 * @param accountId             {@code Output<String>}, required: only this account's alarms and rules may publish
 * @param accountRootPrincipal  {@code Output<String>}, required: {@code arn:aws:iam::<account>:root}, administers the key
 * @param deletionWindowDays    {@code Integer}, required, 7 to 30: days the topic's key can still be recovered after deletion
 * @param emailEndpoints        {@code List<String>}, default empty: e-mail subscriptions
 * @param httpsEndpoints        {@code List<String>}, default empty: HTTPS subscriptions
 */
@ComponentArgs
public record AlertTopicArgs(String topicName, Output<String> accountId, Output<String> accountRootPrincipal,
                             Integer deletionWindowDays, List<String> emailEndpoints, List<String> httpsEndpoints) {

    public AlertTopicArgs {
        emailEndpoints = List.copyOf(emailEndpoints);
        httpsEndpoints = List.copyOf(httpsEndpoints);
    }

    public static AlertTopicArgsBuilder builder() {
        return AlertTopicArgsBuilder.builder();
    }
}
