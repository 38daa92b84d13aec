package com.usersplatform.infra.cluster;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.PodIdentityRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.List;
import java.util.Map;

/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity, allowed only to read the named secrets
 * (and to decrypt them through Secrets Manager). Used for the External Secrets Operator, which copies the Redis
 * credentials and the API-key hashes into Kubernetes Secrets mounted by the services.
 *
 * @see <a href="https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html">EKS Pod Identity</a>
 */
public final class PodIdentity extends ComponentResource {

    /** ARN of the role the service account's pods receive. */
    public final Output<String> roleArn;
    /** Namespace of the service account. */
    public final String namespace;
    /** Name of the service account. */
    public final String serviceAccount;

    public PodIdentity(String name, PodIdentityArgs args, ComponentResourceOptions options) {
        super("users-platform:cluster:PodIdentity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // ---------------------------------------------------------------- Role and association

        var identity = new PodIdentityRole(name, args.clusterName(), args.namespace(), args.serviceAccount(),
                new PolicyDocument()
                        .allow("ReadTheseSecrets", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                                args.secretArns())
                        .allow("DecryptThroughSecretsManager", List.of("kms:Decrypt"), List.of(args.kmsKeyArn()),
                                Map.of("StringEquals", Map.of("kms:ViaService",
                                        "secretsmanager." + args.region() + ".amazonaws.com"))),
                this, child);

        this.roleArn = identity.role.arn;
        this.namespace = args.namespace();
        this.serviceAccount = args.serviceAccount();

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("roleArn", roleArn));
    }
}
