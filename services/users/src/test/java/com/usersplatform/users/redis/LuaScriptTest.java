package com.usersplatform.users.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.usersplatform.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** Scripts go by digest once Redis knows them, and still run exactly once when Redis has forgotten them. */
class LuaScriptTest {
    private static final LuaScript COUNT = new LuaScript("return redis.call('INCR', KEYS[1])");
    private static RedisServer redis;
    private static JedisPooled jedis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        jedis = new JedisPooled(new HostAndPort(redis.host(), redis.port()));
    }

    @AfterAll
    static void stop() {
        jedis.close();
        redis.close();
    }

    @Test
    void runsOnceByDigestAndFallsBackToTheSourceWhenRedisForgotTheScript() {
        redis.command("SCRIPT", "FLUSH");
        redis.command("CONFIG", "RESETSTAT");
        assertEquals(1L, COUNT.run(jedis, List.of("lua-script-test"), List.of()), "unknown script: run once");
        assertEquals("[1]", redis.command("SCRIPT", "EXISTS", COUNT.sha1()), "the fallback cached it in Redis");
        assertEquals(2L, COUNT.run(jedis, List.of("lua-script-test"), List.of()));
        assertEquals(3L, COUNT.run(jedis, List.of("lua-script-test"), List.of()));
        // One EVAL for the first call only; every call tried the digest first.
        assertEquals(1, commandCalls("eval"));
        assertEquals(3, commandCalls("evalsha"));

        redis.command("SCRIPT", "FLUSH"); // as after a restart or failover
        assertEquals(4L, COUNT.run(jedis, List.of("lua-script-test"), List.of()), "forgotten script: run once");
    }

    /** How many times Redis ran {@code command} since the last CONFIG RESETSTAT (INFO commandstats). */
    private static long commandCalls(String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        return redis.command("INFO", "commandstats").lines()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length()).split(",")[0]))
                .findFirst().orElse(0);
    }
}
