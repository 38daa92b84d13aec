package com.usersplatform.infra.ingress;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.PolicyDocument;
import com.usersplatform.infra.kubernetes.HelmChart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The AWS Load Balancer Controller (Helm, pinned) with its own IAM role through EKS Pod Identity. The role's policy
 * follows the controller's published least-privilege policy: it may only change load balancers, target groups and
 * security groups that carry its cluster tag. AWS resources go through the AWS provider in the options (tags come
 * from its default tags).
 * See https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/
 */
public final class LoadBalancerController extends ComponentResource {
    public static final HelmChart CHART =
            new HelmChart("aws-load-balancer-controller", "1.14.0", "https://aws.github.io/eks-charts");
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "aws-load-balancer-controller";
    static final String POLICY_RESOURCE = "load-balancer-controller-policy.json";

    /** ARN of the controller's IAM role. */
    public final Output<String> roleArn;
    /** The Helm release, for objects (Ingress) that need the controller's webhooks first. */
    public final Release release;

    public LoadBalancerController(String name, LoadBalancerControllerArgs args, ComponentResourceOptions options) {
        super("users-platform:kubernetes:LoadBalancerController", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var role = new Role(name, RoleArgs.builder()
                .description("AWS Load Balancer Controller: manages the ALB in front of the gateway")
                .assumeRolePolicy(PolicyDocument.trustPolicy(List.of("pods.eks.amazonaws.com"), List.of("sts:TagSession")))
                .build(), child);
        new RolePolicy(name, RolePolicyArgs.builder().role(role.id()).policy(policy()).build(), child);
        var association = new PodIdentityAssociation(name, PodIdentityAssociationArgs.builder()
                .clusterName(args.clusterName())
                .namespace(NAMESPACE)
                .serviceAccount(SERVICE_ACCOUNT)
                .roleArn(role.arn())
                .build(), child);

        Output<Map<String, Object>> values = Output.tuple(args.clusterName(), args.vpcId()).applyValue(t -> Map.of(
                "clusterName", t.t1,
                "region", args.region(),
                "vpcId", t.t2,
                "replicaCount", args.replicas(),
                "serviceAccount", Map.of("create", true, "name", SERVICE_ACCOUNT),
                "podDisruptionBudget", Map.of("maxUnavailable", 1),
                // The chart's default (true) registers mservice.elbv2.k8s.aws, failurePolicy Fail, on every Service
                // create: while no controller pod is ready, every other chart's and the workloads' Services are
                // refused ("no endpoints available for service aws-load-balancer-webhook-service",
                // kubernetes-sigs/aws-load-balancer-controller#3170, #4140). It only defaults
                // Services of type LoadBalancer to NLBs; this stack has none (ClusterIP + Ingress).
                // https://github.com/aws/eks-charts/blob/master/stable/aws-load-balancer-controller/templates/webhook.yaml
                // https://github.com/aws/eks-charts/blob/master/stable/aws-load-balancer-controller/values.yaml
                "enableServiceMutatorWebhook", false));
        this.release = CHART.install(name, NAMESPACE, false, values,
                CustomResourceOptions.builder().parent(this).dependsOn(association).build());

        this.roleArn = role.arn();
        registerOutputs(Map.of("roleArn", roleArn));
    }

    /** The controller's IAM policy document (a resource next to this class). */
    static String policy() {
        try (InputStream in = LoadBalancerController.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + POLICY_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
