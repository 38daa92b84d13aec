package com.usersplatform.infra.cache;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link Cache}.
 *
 * @param replicationGroupId    {@code String}, required: 1–40 lowercase letters, digits and hyphens
 * @param engine                {@code String}, {@code valkey} or {@code redis}
 * @param engineVersion         {@code String}: {@code major.minor}
 * @param parameterGroupFamily  {@code String}: e.g. {@code valkey8}
 * @param parameters            {@code Map<String,String>}, default {@code maxmemory-policy=noeviction}
 * @param nodeType              {@code String}: e.g. {@code cache.t4g.small}
 * @param nodeCount             {@code int}, 1 to 6: the primary plus replicas
 * @param multiAz               {@code boolean}: replicas in other AZs than the primary (needs nodeCount >= 2)
 * @param automaticFailover     {@code boolean}: promote a replica when the primary fails (needs nodeCount >= 2)
 * @param snapshotRetentionDays {@code int}, 0 (off) to 35
 * @param snapshotWindow        {@code String}: daily UTC window {@code hh:mm-hh:mm}
 * @param vpcId                 {@code Output<String>}, required
 * @param subnetIds             {@code Output<List<String>>}, required: private subnets
 * @param clusterSecurityGroupId {@code Output<String>}, required: the only source admitted on 6379 (further clients,
 *                              such as the rotation function, add their own rule to {@link Cache#securityGroupId})
 * @param kmsKeyArn             {@code Output<String>}, required: at-rest encryption key
 * @param appUser               the users service's RBAC user
 * @param alarms                CloudWatch alarm thresholds
 */
public record CacheArgs(
        String replicationGroupId,
        String engine,
        String engineVersion,
        String parameterGroupFamily,
        Map<String, String> parameters,
        String nodeType,
        int nodeCount,
        boolean multiAz,
        boolean automaticFailover,
        int snapshotRetentionDays,
        String snapshotWindow,
        Output<String> vpcId,
        Output<List<String>> subnetIds,
        Output<String> clusterSecurityGroupId,
        Output<String> kmsKeyArn,
        AppUser appUser,
        CacheAlarmThresholds alarms) {

    public CacheArgs {
        parameters = Map.copyOf(parameters);
    }

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
}
