package com.usersplatform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void runsCommandsAndKeepsDataAcrossRestart() {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("127.0.0.1", redis.host());
            assertEquals("OK", redis.command("SET", "greeting", "hello"));
            assertEquals("1", redis.command("EXISTS", "greeting"));
            int port = redis.port();

            redis.stop();
            assertFalse(redis.isRunning());
            assertThrows(UncheckedIOException.class, () -> redis.command("PING"));

            redis.restart();
            assertEquals(port, redis.port());
            assertEquals("hello", redis.command("GET", "greeting"));
        }
    }

    @Test
    void reportsRedisErrors() {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("OK", redis.command("ACL", "SETUSER", "app", "on", ">pw", "~*", "+@all"));
            RedisServer.CommandException error =
                    assertThrows(RedisServer.CommandException.class, () -> redis.command("NOSUCHCOMMAND"));
            assertTrue(error.getMessage().startsWith("ERR"), error.getMessage());
        }
    }

    @Test
    void fallsBackToTheBundledBinaryWhenPathHasNone() {
        assertTrue(RedisBinary.find("redis-server-that-does-not-exist").isEmpty());
        try (RedisServer redis = RedisServer.start(RedisBinary.bundled(), false)) {
            assertEquals("PONG", redis.command("PING"));
            assertTrue(redis.binary().startsWith(System.getProperty("java.io.tmpdir")), redis.binary().toString());
        }
    }

    @Test
    void tlsServerAcceptsOnlyTls() throws IOException {
        assumeTrue(RedisServer.tlsAvailable(), "redis-server was built without TLS support");
        try (RedisServer redis = RedisServer.startTls()) {
            assertTrue(redis.isTls());
            assertEquals("PONG", redis.command("PING"));
            assertTrue(Files.readString(redis.caCertFile()).startsWith("-----BEGIN CERTIFICATE-----"));
            assertThrows(IOException.class, () -> RespClient.call(redis.host(), redis.port(), null, "PING"));
        }
    }

    @Test
    void serversGetDistinctPorts() {
        try (RedisServer a = RedisServer.start(); RedisServer b = RedisServer.start()) {
            assertNotEquals(a.port(), b.port());
        }
    }
}
