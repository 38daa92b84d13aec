package com.usersplatform.contract;

import static com.usersplatform.contract.Setting.atLeast;
import static com.usersplatform.contract.Setting.integer;

import java.util.List;

/** The users service's settings that a deployment sets through the environment, besides the common ones. */
public final class UsersContract {
    public static final Setting SERVER_PORT = integer("server.port", 3001, 0, 65_535,
            "listening port (0: any free port)");
    public static final Setting REDIS_HOST = Setting.of("redis.host", Setting.Type.STRING, "127.0.0.1",
            "Redis host");
    public static final Setting REDIS_PORT = integer("redis.port", 6379, 1, 65_535, "Redis port");
    public static final Setting REDIS_TLS = Setting.of("redis.tls", Setting.Type.BOOLEAN, "false",
            "TLS to Redis (ElastiCache in-transit encryption)");
    public static final Setting REDIS_TLS_CA_FILE = Setting.of("redis.tls-ca-file", Setting.Type.PATH, "",
            "PEM bundle of trusted CAs; empty: the JDK trust store");
    public static final Setting REDIS_CREDENTIALS_FILE = Setting.of("redis.credentials-file", Setting.Type.PATH,
            "", "JSON {\"username\",\"password\"} (mounted secret); empty: no AUTH");
    public static final Setting REDIS_CREDENTIALS_POLL_MS = atLeast("redis.credentials-poll-ms", 1000, 1,
            "how often the credentials file is checked for changes, ms");
    public static final Setting REDIS_CREDENTIALS_STALE_GRACE_MS = atLeast("redis.credentials-stale-grace-ms",
            60_000, 1, "how long Redis may refuse the file's credentials before readiness reports them stale, ms");
    public static final Setting REDIS_POOL_SIZE = atLeast("redis.pool-size", 16, 1, "pooled connections at most");
    public static final Setting REDIS_CONNECT_TIMEOUT_MS = atLeast("redis.connect-timeout-ms", 500, 1,
            "TCP/TLS connect timeout, ms");
    public static final Setting REDIS_COMMAND_TIMEOUT_MS = atLeast("redis.command-timeout-ms", 500, 1,
            "per-command timeout (also the longest wait for a pooled connection), ms");

    /** The users service's own settings above, in documentation order. */
    public static final List<Setting> OWN = List.of(SERVER_PORT, REDIS_HOST, REDIS_PORT, REDIS_TLS,
            REDIS_TLS_CA_FILE, REDIS_CREDENTIALS_FILE, REDIS_CREDENTIALS_POLL_MS, REDIS_CREDENTIALS_STALE_GRACE_MS,
            REDIS_POOL_SIZE, REDIS_CONNECT_TIMEOUT_MS, REDIS_COMMAND_TIMEOUT_MS);

    /** Every setting the users service reads from the environment: its own, then the common ones. */
    public static final List<Setting> ALL = CommonContract.withCommon(OWN);

    private UsersContract() {
    }
}
