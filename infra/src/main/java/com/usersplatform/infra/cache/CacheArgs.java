package com.usersplatform.infra.cache;

import com.pulumi.core.Output;
import com.usersplatform.infra.args.ComponentArgs;
import com.usersplatform.stacks.CacheConfig;

import java.util.List;

/**
 * Inputs of {@link Cache}; build them with {@link #builder()}, all required ({@link ComponentArgs}).
 *
 * @param replicationGroupId    {@code String}, required: 1–40 lowercase letters, digits and hyphens
 * @param config                {@code CacheConfig}, required: the stack's cache settings as the stacks module validated
 *                              them (engine and version, node type and count, Multi-AZ and failover, snapshots,
 *                              parameter overrides)
 * @param vpcId                 {@code Output<String>}, required
 * @param subnetIds             {@code Output<List<String>>}, required: private subnets
 * @param clusterSecurityGroupId {@code Output<String>}, required: the only source admitted on 6379 (further clients,
 *                              such as the rotation function, add their own rule to {@link Cache#securityGroupId})
 * @param kmsKeyArn             {@code Output<String>}, required: at-rest encryption key
 * @param appUser               {@code AppUser}, required: the users service's RBAC user
 * @param alarms                {@code CacheAlarmThresholds}, required: CloudWatch alarm thresholds
 */
@ComponentArgs
public record CacheArgs(
        String replicationGroupId,
        CacheConfig config,
        Output<String> vpcId,
        Output<List<String>> subnetIds,
        Output<String> clusterSecurityGroupId,
        Output<String> kmsKeyArn,
        AppUser appUser,
        CacheAlarmThresholds alarms) {

    /**
     * The application's RBAC user.
     *
     * @param userId       {@code String}, required: ElastiCache user id (unique in the region)
     * @param userName     {@code String}, required: the name the service authenticates with
     * @param password     {@code Output<String>}, required: initial password (Secrets Manager rotates it afterwards)
     * @param accessString {@code String}, required: Redis ACL rules, limited to the service's keys and commands
     */
    public record AppUser(String userId, String userName, Output<String> password, String accessString) {
    }

    public static CacheArgsBuilder builder() {
        return CacheArgsBuilder.builder();
    }
}
