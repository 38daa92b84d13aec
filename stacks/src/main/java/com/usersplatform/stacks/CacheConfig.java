package com.usersplatform.stacks;

import java.util.Map;
import java.util.Objects;

/**
 * ElastiCache replication group (cluster mode disabled: one shard, a primary and {@code replicas} read replicas).
 *
 * @param engine {@code valkey} or {@code redis} (Redis OSS)
 * @param engineVersion engine version, {@code major.minor}; RBAC needs Redis 6+ or Valkey 7.2+
 * @param nodeType ElastiCache node type, e.g. {@code cache.t4g.small}
 * @param replicas read replicas besides the primary, 0 to 5; Multi-AZ needs at least 1
 * @param multiAz place replicas in other AZs than the primary; required in production
 * @param automaticFailover promote a replica when the primary fails; required by Multi-AZ
 * @param snapshotRetentionDays days automatic snapshots are kept, 0 (off) to 35; production needs at least 1
 * @param snapshotWindow daily UTC window {@code hh:mm-hh:mm} for automatic snapshots (at least 60 minutes)
 * @param parameterOverrides engine parameters set on the group's parameter group, merged over the defaults (values
 *        are strings: quote numbers)
 */
public record CacheConfig(
        CacheEngine engine,
        String engineVersion,
        String nodeType,
        int replicas,
        boolean multiAz,
        boolean automaticFailover,
        int snapshotRetentionDays,
        String snapshotWindow,
        Map<String, String> parameterOverrides) {

    /** Defaults: a single Valkey 8.0 {@code cache.t4g.small} node, no snapshots, never evicting user data. */
    public static final CacheConfig DEFAULTS = new CacheConfig(CacheEngine.VALKEY, "8.0", "cache.t4g.small",
            0, false, false, 0, "03:00-04:00", Map.of("maxmemory-policy", "noeviction"));

    public CacheConfig {
        parameterOverrides = Map.copyOf(Objects.requireNonNull(parameterOverrides, "parameterOverrides"));
    }

    /** Nodes in the replication group: the primary plus the replicas. */
    public int nodeCount() {
        return 1 + replicas;
    }

    /** Parameter group family, e.g. {@code valkey8} or {@code redis7}. */
    public String parameterGroupFamily() {
        return engine.configValue() + engineVersion.split("\\.")[0];
    }
}
