package com.usersplatform.infra;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.args.ComponentArgs;
import com.usersplatform.infra.cache.Cache;
import com.usersplatform.stacks.StackConfig;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link ClusterServices} needs: the stack's records plus the AWS side's outputs; {@link #from} builds them
 * ({@link ComponentArgs}: {@code build()} names the first required field left unset).
 *
 * @param stack                  {@code StackConfig}, required: the validated stack config
 * @param clusterName            {@code Output<String>}, required: EKS cluster name
 * @param vpcId                  {@code Output<String>}, required: VPC id (for the load balancer controller)
 * @param redisHost              {@code Output<String>}, required: ElastiCache primary endpoint address
 * @param redisPort              {@code Integer}, required: Redis port (6379)
 * @param redisSecretArn         {@code Output<String>}, required: the Redis app-user secret
 * @param apiKeysSecretArn       {@code Output<String>}, required: the gateway's API-key hashes secret
 * @param secretReaderNamespace  {@code String}, required: namespace of the External Secrets Operator's service account
 * @param secretReaderAccount    {@code String}, required: that service account (its Pod Identity reads the two secrets)
 * @param secretReaderIdentity   {@code Resource}, required: the pod identity association the operator waits for
 * @param alertmanagerConfig     {@code Optional<Output<Map<String, Object>>>}, default empty: Alertmanager's configuration, present
 *                               where the stack runs the monitoring stack
 * @param wafAclArn              {@code Optional<Output<String>>}, default empty: the web ACL the ALB is associated with, where the
 *                               stack enables WAF
 * @param imageRepositories      {@code Map<String, Output<String>>}, default empty: the stack's ECR repository URL per
 *                               service (used unless the stack names another repository)
 * @param kmsKeyArn              {@code Output<String>}, required: the stack's key (encrypts the EBS volumes)
 * @param storageDriver          {@code Resource}, required: the EBS CSI driver add-on that provisions those volumes
 */
@ComponentArgs
public record ClusterServicesArgs(
        StackConfig stack,
        Output<String> clusterName,
        Output<String> vpcId,
        Output<String> redisHost,
        Integer redisPort,
        Output<String> redisSecretArn,
        Output<String> apiKeysSecretArn,
        String secretReaderNamespace,
        String secretReaderAccount,
        Resource secretReaderIdentity,
        Map<String, Output<String>> imageRepositories,
        Optional<Output<Map<String, Object>>> alertmanagerConfig,
        Optional<Output<String>> wafAclArn,
        Output<String> kmsKeyArn,
        Resource storageDriver) {

    /** The Kubernetes side's inputs from the AWS side of the same stack. */
    public static ClusterServicesArgs from(AwsFoundation aws) {
        return ClusterServicesArgsBuilder.builder().stack(aws.config()).clusterName(aws.cluster().clusterName)
                .vpcId(aws.network().vpcId).redisHost(aws.cache().primaryEndpoint).redisPort(Cache.PORT)
                .redisSecretArn(aws.credentials().secretArn).apiKeysSecretArn(aws.credentials().apiKeysSecretArn)
                .secretReaderNamespace(aws.secretReader().namespace)
                .secretReaderAccount(aws.secretReader().serviceAccount).secretReaderIdentity(aws.secretReader())
                .imageRepositories(aws.images().urls)
                .alertmanagerConfig(aws.alertmanager().map(delivery -> delivery.config))
                .wafAclArn(aws.webAcl().map(acl -> acl.arn)).kmsKeyArn(aws.key().arn)
                .storageDriver(aws.cluster().storageDriver).build();
    }
}
