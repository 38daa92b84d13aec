package com.usersplatform.infra.delivery;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IAM roles GitHub Actions assumes for one stack, each trusting one workflow context of one repository
 * ({@link GithubTrust}), with what that job needs and no more (the workflows' README lists each permission and why):
 * <ul>
 *   <li>{@code deploy} (environment {@code <stack>}): {@code pulumi up} creates IAM roles, so it administers the
 *       account; EKS cluster admin. Sessions last up to 2 hours so a rollback outlives the deploy job.</li>
 *   <li>{@code preview} (pull requests): read-only AWS, secret values explicitly denied; EKS view, and Kubernetes
 *       dry-run rights in the program's namespaces ({@link PreviewDryRun}).</li>
 *   <li>{@code drift} (branch main): read-only AWS plus exactly what {@code pulumi refresh} reads: the stack's secret
 *       values (through the KMS key, via Secrets Manager only) and the Helm release Secrets in the releases'
 *       namespaces.</li>
 *   <li>{@code images} (branch main): push, retag and pull in the stack's ECR repositories.</li>
 *   <li>{@code rotation} (environment {@code <stack>}): rotate the stack's Redis secret now.</li>
 * </ul>
 */
public final class GithubDelivery extends ComponentResource {

    /** Longest session the deploy role allows (seconds): the deploy job asks for this much. */
    public static final int DEPLOY_SESSION_SECONDS = 7200;
    /** Kubernetes group of the drift role's access entry (named in audit logs). */
    static final String READ_ONLY_GROUP = "users-platform:github-read";
    private static final String MANAGED = "arn:aws:iam::aws:policy/";
    private static final String EKS_POLICY = "arn:aws:eks::aws:cluster-access-policy/";

    /** Role ARNs by job: deploy, preview, drift, images, rotation. */
    public final Output<Map<String, String>> roleArns;

    private final GithubDeliveryArgs args;
    private final CustomResourceOptions child;
    private final Output<String> providerArn;

    public GithubDelivery(String name, GithubDeliveryArgs args, ComponentResourceOptions options) {
        super("users-platform:delivery:GithubDelivery", name, options);
        this.args = args;
        this.child = CustomResourceOptions.builder().parent(this).build();
        this.providerArn = args.existingProviderArn().map(Output::of).orElseGet(() -> new OpenIdConnectProvider(
                "github-oidc", OpenIdConnectProviderArgs.builder()
                        .url("https://" + GithubTrust.ISSUER)
                        .clientIdLists(GithubTrust.AUDIENCE)
                        .build(), child).arn());
        String repository = args.githubRepository();

        Role deploy = role("deploy", GithubTrust.environment(repository, args.stack()), DEPLOY_SESSION_SECONDS);
        attach(deploy, "deploy", MANAGED + "AdministratorAccess");
        clusterAccess(deploy, "deploy", List.of(), Map.of(EKS_POLICY + "AmazonEKSClusterAdminPolicy", List.of()));

        Role preview = role("preview", GithubTrust.pullRequest(repository), 3600);
        attach(preview, "preview", MANAGED + "ReadOnlyAccess");
        // ReadOnlyAccess is AWS's to change; secret values stay out of pull requests whatever it grants.
        new RolePolicy("github-preview-no-secrets", RolePolicyArgs.builder()
                .role(preview.name())
                .policy(StableJson.of(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Sid", "NoSecretValues",
                        "Effect", "Deny",
                        "Action", List.of("secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"),
                        "Resource", "*")))))
                .build(), child);
        // The group's RBAC grants apply as well as the view policy; EKS does not check that bindings for it exist
        // (kubernetesGroups: https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html).
        clusterAccess(preview, "preview", List.of(PreviewDryRun.GROUP),
                Map.of(EKS_POLICY + "AmazonEKSViewPolicy", List.of()));
        PreviewDryRun.create(args.kubernetesVersion(), args.ownedNamespaces(), this);

        Role drift = role("drift", GithubTrust.branch(repository, "main"), 3600);
        attach(drift, "drift", MANAGED + "ReadOnlyAccess");
        inline(drift, "drift", new PolicyDocument()
                .allow("RefreshReadsSecretValues", List.of("secretsmanager:GetSecretValue"), args.readableSecretArns())
                .allow("DecryptThroughSecretsManagerOnly", List.of("kms:Decrypt"), List.of(args.keyArn()),
                        Map.of("StringEquals", Map.of("kms:ViaService",
                                "secretsmanager." + args.account().region() + ".amazonaws.com"))));
        // AmazonEKSAdminViewPolicy includes Secrets, which Helm stores releases in; only in the releases' namespaces.
        clusterAccess(drift, "drift", List.of(READ_ONLY_GROUP), Map.of(
                EKS_POLICY + "AmazonEKSViewPolicy", List.of(),
                EKS_POLICY + "AmazonEKSAdminViewPolicy", args.helmNamespaces()));

        Role images = role("images", GithubTrust.branch(repository, "main"), 3600);
        List<Output<String>> repositories = args.imageRepositoryNames().stream()
                .map(repo -> args.account().arn("ecr", "repository/" + repo)).toList();
        inline(images, "images", new PolicyDocument()
                // GetAuthorizationToken has no resource-level permissions: "*" is the only resource it accepts.
                .allow("RegistryLogin", List.of("ecr:GetAuthorizationToken"), List.of(Output.of("*")))
                .allow("PushPullRetag", List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                        "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage",
                        "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"), repositories));

        Role rotation = role("rotation", GithubTrust.environment(repository, args.stack()), 3600);
        // RotateSecret needs secretsmanager:RotateSecret and lambda:InvokeFunction on the rotation function
        // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html).
        Output<String> secret = args.readableSecretArns().get(0);
        inline(rotation, "rotation", new PolicyDocument()
                .allow("RotateNow", List.of("secretsmanager:RotateSecret", "secretsmanager:DescribeSecret"),
                        List.of(secret))
                .allow("InvokeTheRotationFunction", List.of("lambda:InvokeFunction"),
                        List.of(args.account().arn("lambda", "function:" + args.rotationFunctionName()))));

        this.roleArns = Output.all(deploy.arn(), preview.arn(), drift.arn(), images.arn(), rotation.arn())
                .applyValue(arns -> new TreeMap<>(Map.of("deploy", arns.get(0), "preview", arns.get(1),
                        "drift", arns.get(2), "images", arns.get(3), "rotation", arns.get(4))));
        registerOutputs(Map.of("roleArns", roleArns));
    }

    private Role role(String job, String subject, int maxSessionSeconds) {
        // Logical names without the stack (Pulumi's URNs carry it); physical names with it (one account, two stacks).
        return new Role("github-" + job, RoleArgs.builder()
                .name(args.prefix() + "-github-" + job)
                .description("GitHub Actions (" + subject + "): " + job + " of " + args.prefix())
                .assumeRolePolicy(GithubTrust.policy(providerArn, subject))
                .maxSessionDuration(maxSessionSeconds)
                .build(), child);
    }

    private void attach(Role role, String job, String policyArn) {
        new RolePolicyAttachment("github-" + job + "-" + policyArn.substring(policyArn.lastIndexOf('/') + 1),
                RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policyArn).build(), child);
    }

    private void inline(Role role, String job, PolicyDocument policy) {
        new RolePolicy("github-" + job, RolePolicyArgs.builder()
                .role(role.name()).policy(policy.toJson()).build(), child);
    }

    /** An access entry for the role and its access policies: cluster-wide when the namespace list is empty. */
    private void clusterAccess(Role role, String job, List<String> groups, Map<String, List<String>> policies) {
        String name = "github-" + job;
        var entry = new AccessEntry(name, AccessEntryArgs.builder()
                .clusterName(args.clusterName())
                .principalArn(role.arn())
                .type("STANDARD")
                .kubernetesGroups(groups)
                .build(), child);
        new TreeMap<>(policies).forEach((policyArn, namespaces) -> new AccessPolicyAssociation(
                name + "-" + policyArn.substring(policyArn.lastIndexOf('/') + 1), AccessPolicyAssociationArgs.builder()
                .clusterName(args.clusterName())
                .principalArn(entry.principalArn())
                .policyArn(policyArn)
                .accessScope(namespaces.isEmpty()
                        ? AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build()
                        : AccessPolicyAssociationAccessScopeArgs.builder().type("namespace").namespaces(namespaces).build())
                .build(), child));
    }
}
