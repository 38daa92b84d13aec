package com.usersplatform.stacks;

import static com.usersplatform.stacks.StackFiles.problems;
import static com.usersplatform.stacks.StackFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert subscriptions: validated endpoints, and a production stack whose alarms reach someone. */
class AlertingConfigTest {

    @TempDir
    Path dir;

    @Test
    void rejectsEndpointsSnsCannotDeliverToNamingTheKey() {
        List<String> problems = problems(write(dir, "endpoints", "users-platform:alerting: {"
                + "emailEndpoints: [oncall@example.com, not-an-address], "
                + "httpsEndpoints: ['http://hooks.example.com/x'], chatWebhookSecretName: 'bad name!', "
                + "cacheMemoryFullPercent: 100}"));
        assertEquals(List.of(
                "users-platform:alerting.cacheMemoryFullPercent: must be at least 50 and below 100 (writes fail at"
                        + " 100 under noeviction), got 100.0",
                "users-platform:alerting.chatWebhookSecretName: must be a Secrets Manager secret name (1 to 512 of"
                        + " A-Z a-z 0-9 /_+=.@-)",
                "users-platform:alerting.emailEndpoints[1]: must be an e-mail address such as oncall@example.com",
                "users-platform:alerting.httpsEndpoints[0]: must be an https:// URL with a host (SNS delivers to it"
                        + " by HTTPS POST)"), problems.stream().sorted().toList());
    }

    @Test
    void productionWithoutAnySubscriptionIsRefused() {
        List<String> problems = problems(write(dir, "nosubscribers", "users-platform:production: true"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("users-platform:alerting: production needs")),
                problems.toString());
        List<String> withChat = problems(write(dir, "chat", "users-platform:production: true",
                "users-platform:alerting: {chatWebhookSecretName: users-platform/prod/chat-webhook}"));
        assertTrue(withChat.stream().noneMatch(p -> p.startsWith("users-platform:alerting")), withChat.toString());
    }

    @Test
    void defaultsHaveNoSubscribersAndTheProdStackHasOne() {
        assertEquals(new AlertingConfig(List.of(), List.of(), Optional.empty(), 95.0), StackConfig.DEFAULTS.alerting());
        StackConfig prod = StackConfigLoader.loadFile(StackFiles.repositoryRoot().resolve("Pulumi.prod.yaml"));
        assertEquals(List.of("oncall@example.com"), prod.alerting().emailEndpoints());
    }
}
