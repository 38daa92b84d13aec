package com.usersplatform.infra.delivery;

import com.pulumi.core.Output;
import com.usersplatform.infra.aws.AwsAccount;
import com.usersplatform.infra.AwsFoundation;
import com.usersplatform.infra.observability.Monitoring;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.MetricsServer;
import com.usersplatform.stacks.DeliveryConfig;
import com.usersplatform.stacks.StackConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of {@link GithubDelivery}.
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
        Objects.requireNonNull(existingProviderArn, "existingProviderArn");
        readableSecretArns = List.copyOf(readableSecretArns);
        imageRepositoryNames = List.copyOf(imageRepositoryNames);
        helmNamespaces = List.copyOf(helmNamespaces);
        ownedNamespaces = List.copyOf(ownedNamespaces);
    }

    /** The stack's services whose images CI pushes. */
    static final List<String> SERVICES = List.of("gateway", "users");

    /**
     * The arguments for a stack's AWS side. Image repositories are named {@code users-platform-<stack>/<service>}.
     * Helm releases live in kube-system (load balancer controller, metrics server), the External Secrets Operator's
     * namespace, the monitoring namespace when the monitoring stack is on, and the services' namespace when the trace
     * collector is on (delivery.GithubDeliveryTest checks this list against the releases the program makes). The
     * program's own objects live in the services' namespace and, with the monitoring stack, the monitoring namespace
     * (GithubDeliveryTest checks this list against the objects too).
     */
    public static GithubDeliveryArgs from(AwsFoundation aws) {
        StackConfig config = aws.config();
        DeliveryConfig delivery = config.delivery();
        String prefix = StackConfig.PROJECT + "-" + config.stack();
        return new GithubDeliveryArgs(prefix, config.stack(), delivery.githubRepository(),
                delivery.githubOidcProviderArn(), aws.account(), aws.cluster().clusterName,
                List.of(aws.credentials().secretArn, aws.credentials().apiKeysSecretArn), aws.key().arn,
                AwsFoundation.rotationFunctionName(prefix),
                SERVICES.stream().map(service -> prefix + "/" + service).toList(),
                helmNamespaces(config), config.cluster().kubernetesVersion(), ownedNamespaces(config));
    }

    private static List<String> ownedNamespaces(StackConfig config) {
        return config.observability().monitoringStack()
                ? List.of(ClusterServices.NAMESPACE, Monitoring.NAMESPACE)
                : List.of(ClusterServices.NAMESPACE);
    }

    private static List<String> helmNamespaces(StackConfig config) {
        List<String> namespaces = new ArrayList<>(List.of(MetricsServer.NAMESPACE, AwsFoundation.SECRET_READER_NAMESPACE));
        if (config.observability().monitoringStack()) {
            namespaces.add(Monitoring.NAMESPACE);
        }
        if (config.observability().tracing().enabled()) {
            namespaces.add(ClusterServices.NAMESPACE);
        }
        return List.copyOf(namespaces);
    }
}
