package com.usersplatform.infra.cache;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.elasticache.ParameterGroup;
import com.pulumi.aws.elasticache.ParameterGroupArgs;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.aws.elasticache.User;
import com.pulumi.aws.elasticache.UserArgs;
import com.pulumi.aws.elasticache.UserGroup;
import com.pulumi.aws.elasticache.UserGroupArgs;
import com.pulumi.aws.elasticache.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.RandomPassword;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users service's Redis: an ElastiCache (Valkey or Redis OSS) replication group in the private subnets, reachable
 * on 6379 only from the cluster's security group, encrypted in transit (TLS required) and at rest with the stack's
 * KMS key, authenticated through an RBAC user group whose {@code default} user is switched off, with CloudWatch
 * alarms on every node.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html">ElastiCache RBAC</a>
 * @see <a href="https://github.com/terraform-aws-modules/terraform-aws-elasticache">terraform-aws-elasticache</a>
 */
public final class Cache extends ComponentResource {

    /** Redis port. */
    public static final int PORT = 6379;

    /** Primary endpoint host name (TLS). */
    public final Output<String> primaryEndpoint;
    /** The cache's security group: clients besides the cluster add an ingress rule on 6379 here. */
    public final Output<String> securityGroupId;
    /** ARN of the app user (the resource the rotation function may modify). */
    public final Output<String> appUserArn;
    /** The replication group, for resources that need the cache to exist. */
    public final ReplicationGroup replicationGroup;

    public Cache(String name, CacheArgs args, ComponentResourceOptions options) {
        super("users-platform:cache:Cache", name, options);
        String engine = args.config().engine().configValue();
        var child = CustomResourceOptions.builder().parent(this).build();

        // ---------------------------------------------------------------- Network placement

        var subnetGroup = new SubnetGroup(name, SubnetGroupArgs.builder()
                .name(args.replicationGroupId())
                .description("Private subnets of " + args.replicationGroupId())
                .subnetIds(args.subnetIds())
                .build(), child);
        // No inline rules and no egress: the provider removes AWS's default allow-all egress; ElastiCache needs none.
        var securityGroup = new SecurityGroup(name, SecurityGroupArgs.builder()
                .description("Redis of " + args.replicationGroupId() + ": 6379 from the EKS cluster only")
                .vpcId(args.vpcId())
                .build(), child);
        new SecurityGroupIngressRule(name + "-from-cluster", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .referencedSecurityGroupId(args.clusterSecurityGroupId())
                .ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .description("Redis from EKS nodes and pods")
                .build(), child);

        // ---------------------------------------------------------------- Engine parameters

        var parameterGroup = new ParameterGroup(name, ParameterGroupArgs.builder()
                .name(args.replicationGroupId())
                .family(args.config().parameterGroupFamily())
                .description("Parameters of " + args.replicationGroupId())
                .parameters(new TreeMap<>(args.config().parameterOverrides()).entrySet().stream()
                        .map(p -> ParameterGroupParameterArgs.builder().name(p.getKey()).value(p.getValue()).build())
                        .toList())
                .build(), child);

        // ---------------------------------------------------------------- RBAC users

        // Every user group must contain a user named "default"; this one is switched off and has a password
        // nobody knows, so unauthenticated and default-user connections are refused.
        var defaultUserPassword = new RandomPassword(name + "-default-user", new RandomPassword.Args(64, false), child);
        var defaultUser = new User(name + "-default-user", UserArgs.builder()
                .userId(args.replicationGroupId() + "-default-off")
                .userName("default")
                .engine(engine)
                .accessString("off -@all")
                .passwords(defaultUserPassword.result().applyValue(List::of))
                .build(), child);
        var appUser = new User(name + "-app-user", UserArgs.builder()
                .userId(args.appUser().userId())
                .userName(args.appUser().userName())
                .engine(engine)
                .accessString(args.appUser().accessString())
                .passwords(args.appUser().password().applyValue(List::of))
                .build(), CustomResourceOptions.builder().parent(this)
                // Secrets Manager rotation changes the passwords: `pulumi up` must not put the seed back.
                .ignoreChanges(List.of("passwords", "authenticationMode"))
                .build());
        var userGroup = new UserGroup(name, UserGroupArgs.builder()
                .userGroupId(args.replicationGroupId())
                .engine(engine)
                .userIds(Output.all(defaultUser.userId(), appUser.userId()))
                .build(), child);

        // ---------------------------------------------------------------- Replication group

        var builder = ReplicationGroupArgs.builder()
                .replicationGroupId(args.replicationGroupId())
                .description("Users data of " + args.replicationGroupId())
                .engine(engine)
                .engineVersion(args.config().engineVersion())
                .nodeType(args.config().nodeType())
                .numCacheClusters(args.config().nodeCount())
                .port(PORT)
                .parameterGroupName(parameterGroup.name())
                .subnetGroupName(subnetGroup.name())
                .securityGroupIds(securityGroup.id().applyValue(List::of))
                .transitEncryptionEnabled(true)
                .transitEncryptionMode("required")
                .atRestEncryptionEnabled(true)
                .kmsKeyId(args.kmsKeyArn())
                .userGroupIds(userGroup.userGroupId().applyValue(List::of))
                .multiAzEnabled(args.config().multiAz())
                .automaticFailoverEnabled(args.config().automaticFailover())
                .snapshotRetentionLimit(args.config().snapshotRetentionDays())
                .autoMinorVersionUpgrade(true)
                .maintenanceWindow("sun:05:00-sun:06:00");
        if (args.config().snapshotRetentionDays() > 0) {
            builder.snapshotWindow(args.config().snapshotWindow())
                    .finalSnapshotIdentifier(args.replicationGroupId() + "-final");
        }
        this.replicationGroup = new ReplicationGroup(name, builder.build(), child);

        // ---------------------------------------------------------------- Alarms

        for (int node = 1; node <= args.config().nodeCount(); node++) {
            String memberId = String.format("%s-%03d", args.replicationGroupId(), node);
            alarm(name, memberId, "cpu", "EngineCPUUtilization", "Average", args.alarms().cpuPercent(), args.alarms());
            alarm(name, memberId, "memory", "DatabaseMemoryUsagePercentage", "Average",
                    args.alarms().memoryPercent(), args.alarms());
            alarm(name, memberId, "memory-full", "DatabaseMemoryUsagePercentage", "Maximum",
                    args.alarms().memoryFullPercent(), args.alarms());
            alarm(name, memberId, "connections", "CurrConnections", "Maximum",
                    args.alarms().connections(), args.alarms());
        }

        this.primaryEndpoint = replicationGroup.primaryEndpointAddress();
        this.securityGroupId = securityGroup.id();
        this.appUserArn = appUser.arn();

        // ---------------------------------------------------------------- Outputs
        registerOutputs(Map.of("primaryEndpoint", primaryEndpoint, "securityGroupId", securityGroupId,
                "appUserArn", appUserArn));
    }

    private void alarm(String name, String memberId, String what, String metric, String statistic, double threshold,
                       CacheAlarmThresholds alarms) {
        new MetricAlarm(name + "-" + memberId.substring(memberId.lastIndexOf('-') + 1) + "-" + what,
                MetricAlarmArgs.builder()
                        .alarmDescription(metric + " of " + memberId + " above " + threshold)
                        .namespace("AWS/ElastiCache")
                        .metricName(metric)
                        .dimensions(Map.of("CacheClusterId", memberId))
                        .statistic(statistic)
                        .period(300)
                        .evaluationPeriods(2)
                        .comparisonOperator("GreaterThanThreshold")
                        .threshold(threshold)
                        .treatMissingData("missing")
                        .alarmActions(alarms.alarmActions())
                        .okActions(alarms.alarmActions())
                        .build(), CustomResourceOptions.builder().parent(this).build());
    }
}
