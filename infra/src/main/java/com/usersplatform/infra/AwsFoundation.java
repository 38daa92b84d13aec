package com.usersplatform.infra;

import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.alerting.AlertTopic;
import com.usersplatform.infra.alerting.AlertmanagerDelivery;
import com.usersplatform.infra.alerting.AlertTopicArgs;
import com.usersplatform.infra.alerting.ChatRelay;
import com.usersplatform.infra.alerting.ChatRelayArgs;
import com.usersplatform.infra.alerting.RotationAlerts;
import com.usersplatform.infra.aws.AwsAccount;
import com.usersplatform.infra.cache.Cache;
import com.usersplatform.infra.cache.CacheAlarmThresholds;
import com.usersplatform.infra.cache.CacheArgs;
import com.usersplatform.infra.cluster.EksCluster;
import com.usersplatform.infra.edge.WebAcl;
import com.usersplatform.infra.observability.GrafanaCloudWatchReader;
import com.usersplatform.infra.cluster.EksClusterArgs;
import com.usersplatform.infra.cluster.PodIdentity;
import com.usersplatform.infra.cluster.PodIdentityArgs;
import com.usersplatform.infra.images.ImageRepositories;
import com.usersplatform.infra.network.FlowLogs;
import com.usersplatform.infra.network.Network;
import com.usersplatform.infra.network.VpcEndpoints;
import com.usersplatform.infra.observability.ContainerLogs;
import com.usersplatform.infra.observability.ContainerLogsArgs;
import com.usersplatform.infra.network.NetworkArgs;
import com.usersplatform.infra.secrets.CredentialRotation;
import com.usersplatform.infra.secrets.CredentialRotationArgs;
import com.usersplatform.infra.secrets.RedisCredentials;
import com.usersplatform.infra.secrets.RedisCredentialsArgs;
import com.usersplatform.infra.security.EncryptionKey;
import com.usersplatform.infra.security.EncryptionKeyArgs;
import com.usersplatform.infra.aws.TaggedAwsProvider;
import com.usersplatform.stacks.ClusterConfig;
import com.usersplatform.stacks.CacheConfig;
import com.usersplatform.stacks.NetworkConfig;
import com.usersplatform.stacks.StackConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AWS side of a stack, wired from its {@link StackConfig}: what the Kubernetes side builds on.
 *
 * @param config       the stack's configuration
 * @param account      account and region
 * @param awsProvider  the tagged AWS provider every AWS resource goes through
 * @param network      VPC and subnets ({@link Network#privateSubnetCidrs} for NetworkPolicy egress to Redis)
 * @param key          the stack's KMS key
 * @param cluster      EKS ({@link EksCluster#kubernetesProvider} for every Kubernetes object)
 * @param cache        ElastiCache ({@link Cache#primaryEndpoint}, {@link Cache#PORT}; TLS is required)
 * @param credentials  the Redis credentials secret and the API-key hashes secret (names and ARNs)
 * @param images       the stack's ECR repositories, one per service
 * @param secretReader the Pod Identity role of the External Secrets Operator's service account
 *                     ({@link PodIdentity#namespace}/{@link PodIdentity#serviceAccount}): reads only those two secrets
 * @param alerts       the alert topic every alarm, the rotation-failure rule and Alertmanager publish to
 * @param alertmanager Alertmanager's identity, heartbeat and configuration, where the stack runs the monitoring stack
 * @param webAcl       the WAF web ACL for the gateway's ALB, where the stack enables WAF
 */
public record AwsFoundation(
        StackConfig config,
        AwsAccount account,
        Provider awsProvider,
        Network network,
        EncryptionKey key,
        EksCluster cluster,
        Cache cache,
        RedisCredentials credentials,
        ImageRepositories images,
        PodIdentity secretReader,
        AlertTopic alerts,
        Optional<AlertmanagerDelivery> alertmanager,
        Optional<WebAcl> webAcl) {

    /** Name the users service authenticates to Redis with. */
    public static final String REDIS_APP_USER = "users-app";
    /**
     * What the users service may do in Redis: only its own keys (every key of {@code RedisUserStore} carries the
     * {@code {users}:} hash-tag prefix), only data and scripting commands (its writes are Lua scripts) plus the
     * connection commands (AUTH, HELLO, PING, CLIENT SETINFO), never anything in {@code @dangerous}.
     */
    public static final String REDIS_APP_ACCESS =
            "on ~{users}:* -@all +@read +@write +@scripting +@connection -@dangerous";
    /** Namespace and service account of the External Secrets Operator (created by the Kubernetes side). */
    public static final String SECRET_READER_NAMESPACE = "external-secrets";
    public static final String SECRET_READER_SERVICE_ACCOUNT = "external-secrets";
    /** The rotation function's jar, relative to {@code infra/} (where Pulumi runs the program). */
    public static final String ROTATION_ARTIFACT = "../rotation/target/rotation-lambda.jar";
    /** The chat relay's jar, relative to {@code infra/}. */
    public static final String CHAT_RELAY_ARTIFACT = "../chat-relay/target/chat-relay-lambda.jar";

    /** The services with an image of their own. */
    public static final List<String> SERVICES = List.of("gateway", "users");

    /** Log retention of the stack's Lambda functions (rotation, chat relay). */
    private static final int LOG_RETENTION_DAYS = 90;

    /** Creates every AWS component of the stack. */
    public static AwsFoundation create(StackConfig config) {
        String prefix = config.resourcePrefix();
        Provider provider = TaggedAwsProvider.create("aws", config.awsRegion(), config.resourceTags());
        var aws = ComponentResourceOptions.builder().providers(provider).protect(config.production()).build();
        AwsAccount account = AwsAccount.lookup(provider, config.awsRegion());

        var network = new Network("vpc", new NetworkArgs(config.network().cidr(), config.network().subnetLayout(),
                config.network().natGatewayCount()), aws);
        var key = new EncryptionKey("kms", new EncryptionKeyArgs("Secrets, cache and EKS envelope encryption of " + prefix,
                account.rootPrincipal(), config.production() ? 30 : 7, prefix, config.awsRegion(),
                account.arn("logs", "log-group:*")), aws);
        NetworkConfig net = config.network();
        if (net.flowLogs()) {
            new FlowLogs("flow-logs", "/aws/vpc/" + prefix + "/flow-logs", network.vpcId, key.arn,
                    net.flowLogRetentionDays(), aws);
        }
        if (net.endpoints()) {
            new VpcEndpoints("endpoints", config.awsRegion(), network.vpcId, net.cidr(), network.privateSubnetIds,
                    network.privateRouteTableIds, aws);
        }
        var cluster = new EksCluster("eks", clusterArgs(prefix, config, network, key), aws);
        if (config.observability().logs().containerLogs()) {
            new ContainerLogs("container-logs", new ContainerLogsArgs(prefix, cluster.clusterName, cluster.nodeGroup,
                    key.arn, config.observability().logs().retentionDays()), aws);
        }
        var alerts = new AlertTopic("alerts", AlertTopicArgs.builder().topicName(prefix + "-alerts")
                .accountId(account.id()).accountRootPrincipal(account.rootPrincipal())
                .deletionWindowDays(config.production() ? 30 : 7).emailEndpoints(config.alerting().emailEndpoints())
                .httpsEndpoints(config.alerting().httpsEndpoints()).build(), aws);
        config.alerting().chatWebhookSecretName().ifPresent(secretName -> new ChatRelay("chat-relay",
                new ChatRelayArgs(prefix + "-chat-relay", CHAT_RELAY_ARTIFACT, secretName,
                        ChatRelay.secretArnPattern(account.arn("secretsmanager", "secret:" + secretName)), alerts.arn,
                        LOG_RETENTION_DAYS), aws));

        String appUserId = prefix + "-" + REDIS_APP_USER;
        var credentials = new RedisCredentials("redis-credentials", new RedisCredentialsArgs(
                StackConfig.PROJECT + "/" + config.stack(), key.arn, REDIS_APP_USER,
                account.arn("elasticache", "user:" + appUserId), config.secrets().recoveryWindowDays(),
                config.secrets().apiKeyHash()), aws);
        var cache = new Cache("redis", cacheArgs(prefix, config.cache(), network, cluster, key,
                new CacheArgs.AppUser(appUserId, REDIS_APP_USER, credentials.initialPassword, REDIS_APP_ACCESS),
                CacheAlarmThresholds.defaults(config.alerting().cacheMemoryFullPercent(), alerts.arn)), aws);
        String rotationFunction = rotationFunctionName(prefix);
        new CredentialRotation("redis-rotation", CredentialRotationArgs.builder().region(config.awsRegion())
                .functionName(rotationFunction).artifactPath(ROTATION_ARTIFACT).secretArn(credentials.secretArn)
                .kmsKeyArn(key.arn).userId(appUserId).userArn(cache.appUserArn).redisHost(cache.primaryEndpoint)
                .redisSecurityGroupId(cache.securityGroupId).vpcId(network.vpcId).subnetIds(network.privateSubnetIds)
                .scheduleExpression(config.secrets().rotationSchedule())
                .rotationWindow(config.secrets().rotationWindow())
                .logRetentionDays(LOG_RETENTION_DAYS)
                .dependsOn(rotationPrerequisites(credentials, cache, network)).build(), aws);
        new RotationAlerts("rotation-alerts", rotationFunction, alerts.arn, aws);
        var secretReader = new PodIdentity("secret-reader", new PodIdentityArgs(cluster.clusterName,
                SECRET_READER_NAMESPACE, SECRET_READER_SERVICE_ACCOUNT, config.awsRegion(),
                List.of(credentials.secretArn, credentials.apiKeysSecretArn), key.arn), aws);
        Optional<AlertmanagerDelivery> alertmanager = config.observability().monitoringStack()
                ? Optional.of(new AlertmanagerDelivery("alertmanager", cluster.clusterName, config.awsRegion(), alerts,
                        aws))
                : Optional.empty();
        if (config.observability().monitoringStack()) {
            new GrafanaCloudWatchReader("grafana-cloudwatch", cluster.clusterName, aws);
        }
        Optional<WebAcl> webAcl = config.waf().enabled()
                ? Optional.of(new WebAcl("waf", prefix + "-gateway", config.waf().rateLimit(),
                        config.waf().rateWindowSeconds(), key.arn, config.observability().logs().retentionDays(), aws))
                : Optional.empty();
        var images = new ImageRepositories("images", SERVICES, config::imageRepositoryName, key.arn, aws);
        return new AwsFoundation(config, account, provider, network, key, cluster, cache, credentials, images,
                secretReader, alerts, alertmanager, webAcl);
    }

    /**
     * What the rotation schedule waits for besides its own function, permission and security-group rules: Secrets
     * Manager invokes the function as soon as rotation is configured (the first rotation starts immediately), so the
     * secret must hold its first version, Redis must exist, and the private subnets must route to the AWS APIs.
     *
     * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_turn-on-for-other.html">Turn on rotation</a>
     */
    private static List<Resource> rotationPrerequisites(RedisCredentials credentials, Cache cache, Network network) {
        List<Resource> prerequisites = new ArrayList<>(List.of(credentials.seededVersion, cache.replicationGroup));
        prerequisites.addAll(network.privateEgress);
        return prerequisites;
    }

    /** Name of the stack's rotation Lambda ({@code prefix} is {@code users-platform-<stack>}). */
    public static String rotationFunctionName(String prefix) {
        return prefix + "-redis-rotation";
    }

    /** Redis primary endpoint as {@code host:port}. */
    public Output<String> redisEndpoint() {
        return cache.primaryEndpoint.applyValue(host -> host + ":" + Cache.PORT);
    }

    private static EksClusterArgs clusterArgs(String prefix, StackConfig config, Network network, EncryptionKey key) {
        ClusterConfig c = config.cluster();
        var logs = config.observability().logs();
        return EksClusterArgs.builder().clusterName(prefix).region(config.awsRegion())
                .kubernetesVersion(c.kubernetesVersion()).supportType(c.extendedSupport() ? "EXTENDED" : "STANDARD")
                .privateSubnetIds(network.privateSubnetIds).privateEgress(network.privateEgress)
                .endpointPublicAccessCidrs(c.effectivePublicAccessCidrs()).adminPrincipalArns(c.clusterAdminArns())
                .kmsKeyArn(key.arn).logTypes(logs.controlPlaneLogTypes()).logRetentionDays(logs.retentionDays())
                .nodeInstanceTypes(c.nodeInstanceTypes()).capacityType(c.capacityType().eksValue())
                .cpuArchitecture(c.cpuArchitecture()).minNodes(c.minNodes())
                .desiredNodes(c.desiredNodes()).maxNodes(c.maxNodes())
                .nodeDiskSizeGib(c.nodeDiskSizeGib()).tags(config.resourceTags()).build();
    }

    private static CacheArgs cacheArgs(String prefix, CacheConfig c, Network network, EksCluster cluster,
                                       EncryptionKey key, CacheArgs.AppUser appUser, CacheAlarmThresholds alarms) {
        return CacheArgs.builder().replicationGroupId(prefix).config(c).vpcId(network.vpcId)
                .subnetIds(network.privateSubnetIds).clusterSecurityGroupId(cluster.clusterSecurityGroupId)
                .kmsKeyArn(key.arn).appUser(appUser).alarms(alarms).build();
    }
}
