package com.usersplatform.infra.aws;

import com.usersplatform.infra.AwsFoundation;
import com.usersplatform.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The app user's access string, applied to a real redis-server: the users service's commands on its own keys are
 * allowed, anything else is refused (checked with {@code ACL DRYRUN}, so no password is involved).
 */
class AppUserAccessTest {

    private static final String USER = AwsFoundation.REDIS_APP_USER;
    private static RedisServer redis;

    @BeforeAll
    static void applyTheAccessStringToARealRedis() {
        redis = RedisServer.start();
        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", USER, "reset"));
        command.addAll(List.of(AwsFoundation.REDIS_APP_ACCESS.split(" ")));
        command.add(">a-password-of-sixteen-chars");
        assertEquals("OK", redis.command(command.toArray(String[]::new)));
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HSET {users}:user:42 name Ada",
            "HGETALL {users}:user:42",
            "ZCARD {users}:order",
            "EVAL 'return 1' 2 {users}:order {users}:email:ada@example.com",
            "PING",
            "DEL {users}:user:42"})
    void theUsersServiceCommandsOnItsKeysAreAllowed(String command) {
        assertEquals("OK", dryRun(command));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET sessions:1",
            "EVAL 'return 1' 1 other:key",
            "FLUSHALL",
            "KEYS *",
            "CONFIG GET *",
            "ACL LIST",
            "SUBSCRIBE news",
            "DEBUG SLEEP 0"})
    void everythingElseIsRefused(String command) {
        assertNotEquals("OK", dryRun(command));
    }

    private static String dryRun(String command) {
        List<String> args = new ArrayList<>(List.of("ACL", "DRYRUN", USER));
        for (String word : command.split(" (?=(?:[^']*'[^']*')*[^']*$)")) {
            args.add(word.replace("'", ""));
        }
        try {
            return redis.command(args.toArray(String[]::new));
        } catch (RedisServer.CommandException e) {
            return e.getMessage();
        }
    }
}
