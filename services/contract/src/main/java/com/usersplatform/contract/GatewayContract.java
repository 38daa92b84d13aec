package com.usersplatform.contract;

import java.util.List;

/** The gateway's settings that a deployment sets through the environment (its ConfigMap). */
public final class GatewayContract {
    public static final Setting SERVER_PORT = new Setting("server.port", Setting.Type.INTEGER, "3000",
            "listening port");
    public static final Setting USERS_URL = new Setting("users.url", Setting.Type.URI, "http://127.0.0.1:3001",
            "users service base URL");
    public static final Setting API_KEYS_FILE = new Setting("api.keys.file", Setting.Type.PATH,
            "/etc/gateway/api-keys/keys", "file of accepted API-key hashes (mounted secret)");
    public static final Setting RATE_LIMIT_RPS = new Setting("rate.limit.rps", Setting.Type.INTEGER, "50",
            "sustained requests per second per client");
    public static final Setting RATE_LIMIT_BURST = new Setting("rate.limit.burst", Setting.Type.INTEGER, "100",
            "requests a client may send at once");
    public static final Setting RATE_LIMIT_TRUSTED_HOPS = new Setting("rate.limit.trusted.hops",
            Setting.Type.INTEGER, "0", "proxies in front that append to X-Forwarded-For");
    public static final Setting BODY_LIMIT_BYTES = new Setting("body.limit.bytes", Setting.Type.INTEGER, "16384",
            "largest request body; larger gets 413");
    public static final Setting UPSTREAM_CONNECT_TIMEOUT_MS = new Setting("upstream.connect.timeout.ms",
            Setting.Type.INTEGER, "500", "TCP connect timeout to users, ms");
    public static final Setting UPSTREAM_READ_TIMEOUT_MS = new Setting("upstream.read.timeout.ms",
            Setting.Type.INTEGER, "5000", "longest wait for users' answer, ms; then 504");
    public static final Setting SERVICE_VERSION = new Setting("service.version", Setting.Type.STRING, "dev",
            "version in logs and /health");

    /** Every setting above, in documentation order. */
    public static final List<Setting> ALL = List.of(SERVER_PORT, USERS_URL, API_KEYS_FILE, RATE_LIMIT_RPS,
            RATE_LIMIT_BURST, RATE_LIMIT_TRUSTED_HOPS, BODY_LIMIT_BYTES, UPSTREAM_CONNECT_TIMEOUT_MS,
            UPSTREAM_READ_TIMEOUT_MS, SERVICE_VERSION);

    private GatewayContract() {
    }
}
