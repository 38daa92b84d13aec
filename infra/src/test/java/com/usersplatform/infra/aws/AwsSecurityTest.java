package com.usersplatform.infra.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.OfflineRun;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.stacks.StackConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.usersplatform.infra.aws.Plans.json;
import static com.usersplatform.infra.aws.Plans.list;
import static com.usersplatform.infra.aws.Plans.map;
import static com.usersplatform.infra.aws.Plans.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security properties of the AWS side, asserted on the inputs the real program registers for each stack. */
class AwsSecurityTest {

    private static final String CLUSTER = "aws:eks/cluster:Cluster";
    private static final String REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
    private static final String INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private static final String EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

    // ---------------------------------------------------------------- EKS

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eksSecretsAreEnvelopeEncryptedWithARotatingCustomerKey(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource cluster = run.single(CLUSTER);

        assertEquals(List.of("secrets"), cluster.input("encryptionConfig.resources"));
        assertEquals(Plans.keyArn(run), cluster.input("encryptionConfig.provider.keyArn"));
        assertEquals(true, Plans.named(run, "aws:kms/key:Key", "kms").inputs().get("enableKeyRotation"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void controlPlaneLogsApiAuditAndAuthenticator(String stack) {
        assertTrue(list(InfraHarness.run(stack).single(CLUSTER).input("enabledClusterLogTypes"))
                .containsAll(List.of("api", "audit", "authenticator")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void privateEndpointOnAndPublicEndpointLimitedToConfiguredCidrs(String stack) {
        StackConfig config = Plans.config(stack);
        RecordedResource cluster = InfraHarness.run(stack).single(CLUSTER);

        assertEquals(true, cluster.input("vpcConfig.endpointPrivateAccess"));
        assertEquals(config.cluster().publicEndpoint(), cluster.input("vpcConfig.endpointPublicAccess"));
        assertEquals(config.cluster().effectivePublicAccessCidrs(), cluster.input("vpcConfig.publicAccessCidrs"));
        assertFalse(list(cluster.input("vpcConfig.publicAccessCidrs")).contains("0.0.0.0/0"));
        assertEquals(config.cluster().kubernetesVersion(), cluster.inputs().get("version"), "version pinned");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void accessEntriesGrantTheConfiguredAdminsAndNoAwsAuthConfigMap(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource cluster = run.single(CLUSTER);

        assertEquals("API", cluster.input("accessConfig.authenticationMode"));
        assertEquals(false, cluster.input("accessConfig.bootstrapClusterCreatorAdminPermissions"));
        // The GitHub Actions roles' entries (github-*) are asserted by delivery.GithubDeliveryTest.
        List<Object> principals = run.ofType("aws:eks/accessEntry:AccessEntry").stream()
                .filter(e -> !e.name().startsWith("github-"))
                // Karpenter's node entry (EC2_LINUX) is asserted by autoscaling.NodeAutoscalingTest.
                .filter(e -> !"EC2_LINUX".equals(e.input("type")))
                .map(e -> e.inputs().get("principalArn")).toList();
        assertEquals(Plans.config(stack).cluster().clusterAdminArns(), principals);
        var associations = run.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").stream()
                .filter(a -> !a.name().startsWith("github-")).toList();
        associations.forEach(a -> {
            assertTrue(String.valueOf(a.inputs().get("policyArn")).endsWith("/AmazonEKSClusterAdminPolicy"));
            assertEquals("cluster", a.input("accessScope.type"));
        });
        assertEquals(principals.size(), associations.size());
        assertTrue(run.resources().stream().noneMatch(r -> r.type().equals("kubernetes:core/v1:ConfigMap")
                && "aws-auth".equals(r.input("metadata.name"))), "no aws-auth ConfigMap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nodesRunInPrivateSubnetsWithImdsV2RequiredAndHopLimitOne(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource nodes = run.single("aws:eks/nodeGroup:NodeGroup");
        RecordedResource template = run.single("aws:ec2/launchTemplate:LaunchTemplate");

        List<Object> subnets = list(nodes.inputs().get("subnetIds"));
        assertEquals(Plans.config(stack).network().azCount(), subnets.size());
        subnets.forEach(s -> assertTrue(String.valueOf(s).startsWith("subnet-vpc-private-"), "private subnet: " + s));
        assertEquals(template.name() + "-id", nodes.input("launchTemplate.id"));
        assertEquals("required", template.input("metadataOptions.httpTokens"));
        assertEquals(1.0, template.input("metadataOptions.httpPutResponseHopLimit"));
        assertEquals(subnets, run.single(CLUSTER).input("vpcConfig.subnetIds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void vpcCniEnforcesNetworkPolicyAndTheManagedAddOnsAreInstalled(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        Map<Object, RecordedResource> addons = new java.util.HashMap<>();
        run.ofType("aws:eks/addon:Addon").forEach(a -> addons.put(a.inputs().get("addonName"), a));

        // Storage and log shipping add their own add-ons (observability.PrometheusStorageTest, ContainerLogsTest).
        assertTrue(addons.keySet().containsAll(Set.of("vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent")),
                addons.keySet().toString());
        JsonObject cni = json(addons.get("vpc-cni").inputs().get("configurationValues")).getAsJsonObject();
        assertEquals("true", cni.get("enableNetworkPolicy").getAsString());
    }

    // ---------------------------------------------------------------- ElastiCache

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void cacheIsEncryptedInTransitAndAtRestWithTheStackKey(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource group = run.single(REPLICATION_GROUP);

        assertEquals(true, group.inputs().get("transitEncryptionEnabled"));
        assertEquals("required", group.inputs().get("transitEncryptionMode"));
        assertEquals(true, group.inputs().get("atRestEncryptionEnabled"));
        assertEquals(Plans.keyArn(run), group.inputs().get("kmsKeyId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void defaultUserIsDisabledAndTheAppUserIsLimitedToItsKeys(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        RecordedResource defaultUser = run.ofType("aws:elasticache/user:User").stream()
                .filter(u -> "default".equals(u.inputs().get("userName"))).findFirst().orElseThrow();
        RecordedResource appUser = named(run, "aws:elasticache/user:User", "redis-app-user");
        RecordedResource userGroup = run.single("aws:elasticache/userGroup:UserGroup");

        assertTrue(String.valueOf(defaultUser.inputs().get("accessString")).startsWith("off "));
        assertEquals(Set.of(defaultUser.inputs().get("userId"), appUser.inputs().get("userId")),
                Set.copyOf(list(userGroup.inputs().get("userIds"))));
        assertEquals(List.of(userGroup.inputs().get("userGroupId")),
                run.single(REPLICATION_GROUP).inputs().get("userGroupIds"));

        List<String> rules = List.of(String.valueOf(appUser.inputs().get("accessString")).split(" "));
        assertTrue(rules.contains("on"));
        assertTrue(rules.contains("-@all"), "starts from no commands");
        assertEquals(List.of("~{users}:*"), rules.stream().filter(r -> r.startsWith("~") || r.startsWith("%")).toList(),
                "only the users service's key prefix");
        assertFalse(rules.contains("+@all") || rules.contains("allcommands") || rules.contains("allkeys")
                || rules.contains("nopass") || rules.contains("+@admin"), rules.toString());
        assertTrue(rules.contains("-@dangerous"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void redisAdmitsOnly6379FromTheClusterAndTheRotationFunction(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        String redisSg = named(run, "aws:ec2/securityGroup:SecurityGroup", "redis").name() + "-id";
        String rotationSg = named(run, "aws:ec2/securityGroup:SecurityGroup", "redis-rotation").name() + "-id";
        String clusterSg = "sg-" + run.single(CLUSTER).inputs().get("name") + "-cluster";

        assertEquals(List.of(redisSg), run.single(REPLICATION_GROUP).inputs().get("securityGroupIds"));
        List<RecordedResource> toRedis = run.ofType(INGRESS_RULE).stream()
                .filter(r -> redisSg.equals(r.inputs().get("securityGroupId"))).toList();
        assertEquals(Set.of(clusterSg, rotationSg),
                Set.copyOf(toRedis.stream().map(r -> r.inputs().get("referencedSecurityGroupId")).toList()));
        toRedis.forEach(rule -> {
            assertEquals("tcp", rule.inputs().get("ipProtocol"));
            assertEquals(6379.0, rule.inputs().get("fromPort"));
            assertEquals(6379.0, rule.inputs().get("toPort"));
            assertFalse(rule.inputs().containsKey("cidrIpv4"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noIngressFromAnywhereAndRotationEgressOnlyToRedisAndHttps(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);

        run.ofType(INGRESS_RULE).forEach(r -> {
            assertNotEquals("0.0.0.0/0", r.inputs().get("cidrIpv4"), r.name());
            assertNotEquals("::/0", r.inputs().get("cidrIpv6"), r.name());
        });
        run.ofType("aws:ec2/securityGroup:SecurityGroup").forEach(sg ->
                assertTrue(list(sg.inputs().get("ingress")).isEmpty(), "no inline ingress on " + sg.name()));
        assertTrue(run.ofType("aws:ec2/securityGroupRule:SecurityGroupRule").isEmpty(), "rules are separate resources");

        String rotationSg = "redis-rotation-id";
        List<RecordedResource> egress = run.ofType(EGRESS_RULE).stream()
                .filter(r -> rotationSg.equals(r.inputs().get("securityGroupId"))).toList();
        assertEquals(2, egress.size());
        egress.forEach(r -> {
            boolean toRedis = "redis-id".equals(r.inputs().get("referencedSecurityGroupId"))
                    && r.inputs().get("fromPort").equals(6379.0);
            boolean https = r.inputs().get("fromPort").equals(443.0) && r.inputs().get("toPort").equals(443.0);
            assertTrue(toRedis || https, "unexpected egress " + r.inputs());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void multiAzFailoverAndSnapshotsFollowTheConfigAndAreOnInProd(String stack) {
        StackConfig config = Plans.config(stack);
        RecordedResource group = InfraHarness.run(stack).single(REPLICATION_GROUP);

        assertEquals(config.cache().multiAz(), group.inputs().get("multiAzEnabled"));
        assertEquals(config.cache().automaticFailover(), group.inputs().get("automaticFailoverEnabled"));
        assertEquals((double) config.cache().nodeCount(), group.inputs().get("numCacheClusters"));
        assertEquals((double) config.cache().snapshotRetentionDays(), group.inputs().get("snapshotRetentionLimit"));
        if (config.production()) {
            assertEquals(true, group.inputs().get("multiAzEnabled"));
            assertEquals(true, group.inputs().get("automaticFailoverEnabled"));
            assertTrue((Double) group.inputs().get("numCacheClusters") >= 2);
            assertTrue((Double) group.inputs().get("snapshotRetentionLimit") >= 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCacheNodeHasCpuMemoryMemoryFullAndConnectionAlarms(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        List<RecordedResource> alarms = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> "AWS/ElastiCache".equals(a.inputs().get("namespace"))).toList();

        assertEquals(4 * Plans.config(stack).cache().nodeCount(), alarms.size());
        assertEquals(Set.of("EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "CurrConnections"),
                Set.copyOf(alarms.stream().map(a -> a.inputs().get("metricName")).toList()));
    }

    // ---------------------------------------------------------------- Secrets Manager

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsAreEncryptedWithTheKeyAndRotatedOnTheConfiguredSchedule(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        StackConfig config = Plans.config(stack);
        run.ofType("aws:secretsmanager/secret:Secret").forEach(secret ->
                assertEquals(Plans.keyArn(run), secret.inputs().get("kmsKeyId"), secret.name()));

        RecordedResource rotation = run.single("aws:secretsmanager/secretRotation:SecretRotation");
        RecordedResource function = run.single("aws:lambda/function:Function");
        String secretArn = Plans.secretArn(run, "redis-credentials");
        assertEquals(secretArn, rotation.inputs().get("secretId"));
        assertEquals(config.secrets().rotationSchedule(), rotation.input("rotationRules.scheduleExpression"));
        assertEquals(config.secrets().rotationWindow(), rotation.input("rotationRules.duration"));
        assertTrue(String.valueOf(rotation.inputs().get("rotationLambdaArn")).endsWith(":function:" + function.name()));

        RecordedResource permission = run.single("aws:lambda/permission:Permission");
        assertEquals("secretsmanager.amazonaws.com", permission.inputs().get("principal"));
        assertEquals(secretArn, permission.inputs().get("sourceArn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretHoldsUsernamePasswordAndTheAppUsersArn(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        JsonObject value = json(named(run, "aws:secretsmanager/secretVersion:SecretVersion", "redis-credentials")
                .inputs().get("secretString")).getAsJsonObject();
        RecordedResource appUser = named(run, "aws:elasticache/user:User", "redis-app-user");

        assertEquals(appUser.inputs().get("userName"), value.get("username").getAsString());
        assertEquals("arn:aws:elasticache:" + Plans.region(run) + ":123456789012:user:" + appUser.inputs().get("userId"),
                value.get("user_arn").getAsString());
        assertEquals(List.of(value.get("password").getAsString()), appUser.inputs().get("passwords"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void pulumiNeverRevertsWhatRotationChanges(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);

        assertTrue(run.optionsOf(named(run, "aws:secretsmanager/secretVersion:SecretVersion", "redis-credentials")).ignoreChanges()
                .containsAll(List.of("secretString", "versionStages")));
        assertTrue(run.optionsOf(named(run, "aws:elasticache/user:User", "redis-app-user")).ignoreChanges()
                .contains("passwords"));
        run.ofType("random:index/randomPassword:RandomPassword").forEach(p ->
                assertTrue(run.optionsOf(p).version().isPresent(), "random provider version pinned for " + p.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void productionProtectsTheAwsComponentsFromDeletion(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        boolean production = Plans.config(stack).production();

        for (String component : List.of("users-platform:security:EncryptionKey", "users-platform:cluster:EksCluster",
                "users-platform:cache:Cache", "users-platform:secrets:RedisCredentials")) {
            assertEquals(java.util.Optional.of(production), run.optionsOf(run.single(component)).protect(), component);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rotationFunctionRunsInThePrivateSubnetsWithoutSecretsInItsEnvironment(String stack) {
        RecordedResource function = InfraHarness.run(stack).single("aws:lambda/function:Function");

        assertEquals("java21", function.inputs().get("runtime"));
        assertEquals("com.usersplatform.rotation.RotationHandler::handleRequest", function.inputs().get("handler"));
        assertEquals(Set.of("REDIS_HOST", "REDIS_PORT", "USER_ID", "SECRET_ARN", "USER_ACTIVE_TIMEOUT_SECONDS",
                "TEST_LOGIN_TIMEOUT_SECONDS"), map(function.input("environment.variables")).keySet());
        // ModifyUser takes minutes: the timeout covers a step's whole wait for active plus testSecret's logins, at
        // least the 12 minutes the ElastiCache guide asks for, at most Lambda's 900 s.
        int timeout = ((Number) function.inputs().get("timeout")).intValue();
        int activeWait = Integer.parseInt(String.valueOf(
                map(function.input("environment.variables")).get("USER_ACTIVE_TIMEOUT_SECONDS")));
        assertTrue(timeout >= 720 && timeout <= 900, "timeout " + timeout);
        assertTrue(timeout >= activeWait + 60, "timeout " + timeout + " covers the wait for active " + activeWait);
        list(function.input("vpcConfig.subnetIds")).forEach(s -> assertTrue(String.valueOf(s).startsWith("subnet-vpc-private-")));
    }

    // ---------------------------------------------------------------- IAM and tagging

    /** EC2 network-interface actions Lambda needs for VPC access; IAM accepts no narrower resource for them. */
    private static final Set<String> WILDCARD_ONLY_ACTIONS = Set.of("ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses");

    /**
     * A {@code *} resource is acceptable only where IAM offers nothing narrower: read-only Describe/List/Get calls
     * (which mostly lack resource-level permissions), Lambda's ENI actions, or a statement narrowed by a condition.
     */
    private static boolean wildcardAllowed(JsonObject statement, List<String> actions) {
        return statement.has("Condition") || actions.stream().allMatch(a -> WILDCARD_ONLY_ACTIONS.contains(a)
                || a.matches("[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyIamPolicyNamesItsResources(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        // The AWS foundation's roles; the Kubernetes side's controller roles are checked by its own tests.
        List<RecordedResource> policies = run.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> Set.of("eks-cluster", "redis-rotation", "secret-reader").contains(p.name())).toList();
        assertEquals(3, policies.size());
        assertTrue(run.ofType("aws:iam/policy:Policy").isEmpty(), "inline policies only");

        for (RecordedResource policy : policies) {
            for (JsonElement statement : json(policy.inputs().get("policy")).getAsJsonObject().getAsJsonArray("Statement")) {
                JsonObject s = statement.getAsJsonObject();
                List<String> actions = strings(s.get("Action"));
                List<String> resources = strings(s.get("Resource"));
                assertEquals("Allow", s.get("Effect").getAsString());
                actions.forEach(a -> assertFalse(a.equals("*") || a.endsWith(":*"), policy.name() + ": wildcard action " + a));
                if (resources.contains("*")) {
                    assertTrue(wildcardAllowed(s, actions), policy.name() + ": * resource for " + actions);
                } else {
                    resources.forEach(r -> assertTrue(r.startsWith("arn:aws:") && !r.contains(":*:"),
                            policy.name() + ": not a named ARN: " + r));
                }
            }
        }
        String secretReader = named(run, "aws:iam/rolePolicy:RolePolicy", "secret-reader").inputs().get("policy").toString();
        assertTrue(secretReader.contains(Plans.secretArn(run, "redis-credentials"))
                && secretReader.contains(Plans.secretArn(run, "redis-credentials-api-keys")));
        assertFalse(secretReader.contains("PutSecretValue"), "the secret reader only reads");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAwsResourceGoesThroughTheTaggedProvider(String stack) {
        OfflineRun.Result run = InfraHarness.run(stack);
        StackConfig config = Plans.config(stack);
        JsonObject tags = json(run.single("pulumi:providers:aws").inputs().get("defaultTags"))
                .getAsJsonObject().getAsJsonObject("tags");

        assertEquals(stack, tags.get("stack").getAsString());
        assertEquals(StackConfig.PROJECT, tags.get("project").getAsString());
        assertEquals(config.owner(), tags.get("owner").getAsString());
        config.tags().forEach((k, v) -> assertEquals(v, tags.get(k).getAsString()));
        List<String> untagged = new ArrayList<>();
        run.resources().stream().filter(RecordedResource::isAws)
                .filter(r -> !r.provider().contains("pulumi:providers:aws::aws::"))
                .forEach(r -> untagged.add(r.type() + " " + r.name()));
        assertTrue(untagged.isEmpty(), "not created through the tagged provider: " + untagged);
    }

    private static List<String> strings(JsonElement element) {
        if (element.isJsonArray()) {
            List<String> values = new ArrayList<>();
            element.getAsJsonArray().forEach(e -> values.add(e.getAsString()));
            return values;
        }
        return List.of(element.getAsString());
    }
}
