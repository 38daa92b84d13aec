package com.usersplatform.contract;

import static com.usersplatform.contract.Setting.atLeast;
import static com.usersplatform.contract.Setting.integer;

import java.util.List;

/**
 * The gateway's settings that a deployment sets through the environment (its ConfigMap), besides the
 * {@link CommonContract} ones. Finer knobs no deployment sets (retry, circuit breaker, readiness timeout, key-file
 * recheck, tracked clients) stay in the gateway's {@code application.yaml}.
 */
public final class GatewayContract {
    public static final Setting SERVER_PORT = integer("server.port", 3000, 0, 65_535, "listening port");
    public static final Setting USERS_URL = Setting.of("users.url", Setting.Type.URI, "http://127.0.0.1:3001",
            "users service base URL: http://host[:port], no path");
    public static final Setting API_KEYS_FILE = Setting.of("api.keys.file", Setting.Type.PATH,
            "/etc/gateway/api-keys/keys", "file of accepted API-key hashes (mounted secret)");
    public static final Setting RATE_LIMIT_RPS = integer("rate.limit.rps", 50, 1, 100_000,
            "sustained requests per second per client");
    public static final Setting RATE_LIMIT_BURST = atLeast("rate.limit.burst", 100, 1,
            "requests a client may send at once");
    public static final Setting RATE_LIMIT_TRUSTED_HOPS = integer("rate.limit.trusted.hops", 0, 0, 10,
            "proxies in front that append to X-Forwarded-For");
    public static final Setting UPSTREAM_CONNECT_TIMEOUT_MS = integer("upstream.connect.timeout.ms", 500, 1, 60_000,
            "TCP connect timeout to users, ms");
    public static final Setting UPSTREAM_READ_TIMEOUT_MS = integer("upstream.read.timeout.ms", 5000, 1, 300_000,
            "longest wait for users' answer, ms; then 504");

    /** The gateway's own settings above, in documentation order. */
    public static final List<Setting> OWN = List.of(SERVER_PORT, USERS_URL, API_KEYS_FILE, RATE_LIMIT_RPS,
            RATE_LIMIT_BURST, RATE_LIMIT_TRUSTED_HOPS, UPSTREAM_CONNECT_TIMEOUT_MS, UPSTREAM_READ_TIMEOUT_MS);

    /** Every setting the gateway reads from the environment: its own, then the common ones. */
    public static final List<Setting> ALL = CommonContract.withCommon(OWN);

    private GatewayContract() {
    }
}
