package com.usersplatform.infra.delivery;

import com.pulumi.core.Output;
import com.usersplatform.infra.args.ComponentArgs;
import com.usersplatform.infra.aws.AwsAccount;

import java.util.List;
import java.util.Optional;

/**
 * Inputs of {@link GithubDelivery}; the program builds them with {@link #builder()} from the stack's AWS and
 * Kubernetes sides. Every field is required except the optional and list ones, which default to empty
 * ({@link ComponentArgs}).
 *
 * @param prefix                {@code users-platform-<stack>}: the roles' name prefix
 * @param stack                 stack name, which is also the GitHub environment that deploys it
 * @param githubRepository      {@code owner/name} whose workflows the roles trust
 * @param existingProviderArn   the account's GitHub OIDC provider when another stack made it; empty creates it
 * @param account               account and region, for ARNs of things named before they exist
 * @param clusterName           the stack's EKS cluster (access entries of the CI roles)
 * @param readableSecretArns    the secrets whose values `pulumi refresh` reads (the drift role may read exactly those)
 * @param keyArn                the KMS key those secrets are encrypted with
 * @param rotationFunctionName  the rotation Lambda's name (RotateSecret makes Secrets Manager invoke it as the caller)
 * @param imageRepositoryNames  the stack's ECR repositories (images are pushed and promoted there)
 * @param helmNamespaces        namespaces of the stack's Helm releases: Helm keeps each release's state in a Secret
 *                              there, which a refresh reads
 * @param kubernetesVersion     the cluster's pinned Kubernetes version ({@code major.minor})
 * @param ownedNamespaces       namespaces the program's own Kubernetes objects (not Helm's) live in: where a preview
 *                              needs dry-run rights
 */
@ComponentArgs
public record GithubDeliveryArgs(
        String prefix,
        String stack,
        String githubRepository,
        Optional<String> existingProviderArn,
        AwsAccount account,
        Output<String> clusterName,
        List<Output<String>> readableSecretArns,
        Output<String> keyArn,
        String rotationFunctionName,
        List<String> imageRepositoryNames,
        List<String> helmNamespaces,
        String kubernetesVersion,
        List<String> ownedNamespaces) {

    public GithubDeliveryArgs {
        readableSecretArns = List.copyOf(readableSecretArns);
        imageRepositoryNames = List.copyOf(imageRepositoryNames);
        helmNamespaces = List.copyOf(helmNamespaces);
        ownedNamespaces = List.copyOf(ownedNamespaces);
    }

    public static GithubDeliveryArgsBuilder builder() {
        return GithubDeliveryArgsBuilder.builder();
    }
}
