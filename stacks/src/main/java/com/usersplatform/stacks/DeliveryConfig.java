package com.usersplatform.stacks;

import java.util.Objects;
import java.util.Optional;

/**
 * The GitHub Actions pipelines that deploy the stack: which repository's workflows the stack's CI roles trust.
 *
 * @param githubRepository {@code owner/name} of the repository whose workflows may assume the stack's CI roles
 * @param githubOidcProviderArn the account's existing IAM OIDC provider for {@code token.actions.githubusercontent.com};
 *        an account has at most one per URL, so the second stack in an account names the first one's. Unset
 *        creates it
 */
public record DeliveryConfig(String githubRepository, Optional<String> githubOidcProviderArn) {

    /** Defaults: this repository; the stack creates the account's GitHub OIDC provider. */
    public static final DeliveryConfig DEFAULTS = new DeliveryConfig("users-platform/users-platform", Optional.empty());

    public DeliveryConfig {
        Objects.requireNonNull(githubRepository, "githubRepository");
        Objects.requireNonNull(githubOidcProviderArn, "githubOidcProviderArn");
    }
}
