package com.usersplatform.rotation;

import com.usersplatform.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One real Redis per test class (TLS when the binary supports it) and a fresh rotation set-up per test. */
abstract class RotationTestBase {

    private static RedisServer redis;

    /** The app user, the secret, the AWS fakes and the function, as Pulumi leaves them before any rotation. */
    RotationFixture f;
    /** The app user's access rules before the test, which rotation must leave as they are. */
    String accessRules;

    @BeforeAll
    static void startRedis() {
        redis = RotationFixture.startRedis();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** The class's Redis, for tests that build their own fixture. */
    static RedisServer redisServer() {
        return redis;
    }

    @BeforeEach
    void setUpRotation() {
        f = new RotationFixture(redis);
        accessRules = f.accessRules();
    }

    @AfterEach
    void closeRotation() {
        f.close();
    }
}
