package com.usersplatform.users.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA1 digest ({@code EVALSHA}), so each call sends a 40-character digest instead of the
 * script and Redis looks the compiled script up instead of hashing its source again. When Redis does not know the
 * script (first use, after a restart, a failover or {@code SCRIPT FLUSH}) it answers {@code NOSCRIPT} and the call
 * is repeated once with {@code EVAL}, which also puts the script into Redis's cache
 * (https://redis.io/docs/latest/develop/programmability/eval-intro/#script-cache). Either way the script runs
 * exactly once per call.
 */
final class LuaScript {
    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }

    /** Runs the script with {@code keys} and {@code args}; returns Redis's reply. */
    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /** The SHA1 digest Redis knows the script by. */
    String sha1() {
        return sha1;
    }
}
