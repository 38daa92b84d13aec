package com.usersplatform.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.ComponentResourceOptions;
import com.usersplatform.infra.autoscaling.NodeAutoscaling;
import com.usersplatform.infra.autoscaling.NodeAutoscalingArgs;
import com.usersplatform.infra.delivery.GithubDelivery;
import com.usersplatform.infra.delivery.GithubDeliveryArgs;
import com.usersplatform.infra.observability.Monitoring;
import com.usersplatform.infra.workloads.MetricsServer;
import com.usersplatform.stacks.DeliveryConfig;
import com.usersplatform.stacks.StackConfig;
import com.usersplatform.stacks.StackConfigLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * The Pulumi program of project {@code users-platform} ({@code pulumi up --stack dev|prod} runs {@link #main}).
 * Reads the stack config once, here, and hands typed records to the components.
 */
public final class App {

    private static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private App() {
    }

    public static void main(String[] args) {
        ensureCommonPoolParallelism();
        Pulumi.run(App::program);
    }

    /** The whole program; tests and {@code bin/render} run it under the SDK's test engine. */
    public static void program(Context ctx) {
        StackConfig config = loadConfig(ctx);
        AwsFoundation aws = AwsFoundation.create(config);

        ctx.export("kubeconfig", aws.cluster().kubeconfig);
        ctx.export("redisEndpoint", aws.redisEndpoint());
        ctx.export("secretArn", aws.credentials().secretArn);
        // Read once with `pulumi stack output firstApiKey --show-secrets`; absent when the stack names the hash.
        aws.credentials().firstApiKey.ifPresent(key -> ctx.export("firstApiKey", key.asSecret()));
        var services = new ClusterServices("k8s", ClusterServicesArgs.from(aws), ComponentResourceOptions.builder()
                .providers(aws.cluster().kubernetesProvider, aws.awsProvider()).build());
        ctx.export("gatewayUrl", services.gatewayUrl);
        if (config.nodeAutoscaling().enabled()) {
            new NodeAutoscaling("karpenter", new NodeAutoscalingArgs(config, aws.account(), aws.cluster().clusterName,
                    aws.network().privateSubnetIds, aws.cluster().clusterSecurityGroupId),
                    ComponentResourceOptions.builder().providers(aws.cluster().kubernetesProvider, aws.awsProvider())
                            .protect(config.production()).build());
        }
        // Where the image workflow pushes each service's image (the tag it pushes goes into the stack file).
        ctx.export("imageRepositories", aws.images().all());
        var delivery = new GithubDelivery("github", deliveryArgs(aws), ComponentResourceOptions.builder()
                .providers(aws.cluster().kubernetesProvider, aws.awsProvider()).build());
        ctx.export("githubRoleArns", delivery.roleArns);
    }

    /**
     * The CI roles' inputs for a stack. Helm releases live in kube-system (load balancer controller, metrics server),
     * the External Secrets Operator's namespace, the monitoring namespace when the monitoring stack is on, and the
     * services' namespace when the trace collector is on (delivery.GithubDeliveryTest checks this list against the
     * releases the program makes). The program's own objects live in the services' namespace and, with the monitoring
     * stack, the monitoring namespace (GithubDeliveryTest checks this list against the objects too).
     */
    private static GithubDeliveryArgs deliveryArgs(AwsFoundation aws) {
        StackConfig config = aws.config();
        DeliveryConfig delivery = config.delivery();
        String prefix = config.resourcePrefix();
        boolean monitoring = config.observability().monitoringStack();
        List<String> helmNamespaces = new ArrayList<>(List.of(MetricsServer.NAMESPACE,
                AwsFoundation.SECRET_READER_NAMESPACE));
        if (monitoring) {
            helmNamespaces.add(Monitoring.NAMESPACE);
        }
        if (config.observability().tracing().enabled()) {
            helmNamespaces.add(ClusterServices.NAMESPACE);
        }
        List<String> ownedNamespaces = monitoring
                ? List.of(ClusterServices.NAMESPACE, Monitoring.NAMESPACE)
                : List.of(ClusterServices.NAMESPACE);
        return GithubDeliveryArgs.builder().prefix(prefix).stack(config.stack())
                .githubRepository(delivery.githubRepository()).existingProviderArn(delivery.githubOidcProviderArn())
                .account(aws.account()).clusterName(aws.cluster().clusterName)
                .readableSecretArns(List.of(aws.credentials().secretArn, aws.credentials().apiKeysSecretArn))
                .keyArn(aws.key().arn).rotationFunctionName(AwsFoundation.rotationFunctionName(prefix))
                .imageRepositoryNames(AwsFoundation.SERVICES.stream().map(config::imageRepositoryName).toList())
                .helmNamespaces(helmNamespaces).kubernetesVersion(config.cluster().kubernetesVersion())
                .ownedNamespaces(ownedNamespaces).build();
    }

    /** The one place the program reads configuration. */
    static StackConfig loadConfig(Context ctx) {
        return StackConfigLoader.fromPulumiConfig(ctx.stackName(), key -> {
            int colon = key.indexOf(':');
            return colon < 0 ? Optional.empty() : ctx.config(key.substring(0, colon)).get(key.substring(colon + 1));
        });
    }

    /**
     * The Pulumi Java SDK livelocks when the common fork-join pool has a single thread (2-CPU machines): raise it to
     * 2 before anything uses the pool.
     */
    static void ensureCommonPoolParallelism() {
        String configured = System.getProperty(PARALLELISM);
        if (configured == null || Integer.parseInt(configured.strip()) < 2) {
            System.setProperty(PARALLELISM, "2");
        }
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            System.err.println("warning: the common pool started before " + PARALLELISM + " could be set;"
                    + " run with -D" + PARALLELISM + "=2");
        }
    }
}
