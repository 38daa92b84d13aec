package com.usersplatform.infra.delivery;

import com.pulumi.core.Output;
import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;

/**
 * Trust policies for GitHub Actions' OIDC tokens: the audience must be STS and the subject exactly one context of one
 * repository. Subject formats (https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims):
 * a job that names an environment gets {@code repo:OWNER/REPO:environment:NAME}, whatever branch it runs on; a
 * pull_request job gets {@code repo:OWNER/REPO:pull_request}; other jobs get {@code repo:OWNER/REPO:ref:refs/heads/BRANCH}.
 * {@code StringEquals}, not {@code StringLike}: no wildcard can widen a subject.
 */
public final class GithubTrust {

    /** GitHub's token issuer, without scheme: the IAM OIDC provider's URL and its condition-key prefix. */
    public static final String ISSUER = "token.actions.githubusercontent.com";
    /** The audience aws-actions/configure-aws-credentials requests. */
    public static final String AUDIENCE = "sts.amazonaws.com";

    private GithubTrust() {
    }

    /** Subject of jobs that run in a GitHub environment. */
    public static String environment(String repository, String environment) {
        return "repo:" + repository + ":environment:" + environment;
    }

    /** Subject of pull_request jobs. */
    public static String pullRequest(String repository) {
        return "repo:" + repository + ":pull_request";
    }

    /** Subject of jobs on a branch (no environment). */
    public static String branch(String repository, String branch) {
        return "repo:" + repository + ":ref:refs/heads/" + branch;
    }

    /** The trust policy letting tokens with exactly {@code subject} assume the role through {@code providerArn}. */
    public static Output<String> policy(Output<String> providerArn, String subject) {
        return providerArn.applyValue(provider -> StableJson.of(Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Federated", provider),
                        "Action", "sts:AssumeRoleWithWebIdentity",
                        "Condition", Map.of("StringEquals", Map.of(
                                ISSUER + ":aud", AUDIENCE,
                                ISSUER + ":sub", subject)))))));
    }
}
