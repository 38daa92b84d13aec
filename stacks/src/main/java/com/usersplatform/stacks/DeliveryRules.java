package com.usersplatform.stacks;

import java.util.regex.Pattern;

/** Rules of {@code users-platform:delivery}: a GitHub repository name and the OIDC provider's ARN. */
final class DeliveryRules {

    private static final String DELIVERY = StackValidator.PREFIX + "delivery";
    /**
     * GitHub owner names are alphanumeric with single inner hyphens (at most 39); repository names are letters, digits,
     * '.', '_' and '-' (at most 100). The names end up in IAM trust conditions, so nothing else may pass.
     */
    private static final Pattern REPOSITORY =
            Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}");
    private static final Pattern PROVIDER_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com");

    private DeliveryRules() {
    }

    static void check(DeliveryConfig delivery, Problems problems) {
        String repository = delivery.githubRepository();
        problems.check(REPOSITORY.matcher(repository).matches() && !repository.endsWith("/.")
                        && !repository.endsWith("/.."), DELIVERY + ".githubRepository",
                "must be a GitHub repository as owner/name, got '" + repository + "'");
        delivery.githubOidcProviderArn().ifPresent(arn -> problems.check(PROVIDER_ARN.matcher(arn).matches(),
                DELIVERY + ".githubOidcProviderArn",
                "must be the ARN of the IAM OIDC provider for token.actions.githubusercontent.com, got '" + arn + "'"));
    }
}
