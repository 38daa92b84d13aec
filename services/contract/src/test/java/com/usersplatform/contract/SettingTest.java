package com.usersplatform.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest {
    @Test
    void environmentNameIsDerivedFromTheKey() {
        assertEquals("RATE_LIMIT_RPS", GatewayContract.RATE_LIMIT_RPS.env());
        assertEquals("REDIS_CREDENTIALS_STALE_GRACE_MS", UsersContract.REDIS_CREDENTIALS_STALE_GRACE_MS.env());
        assertEquals("LOG_LEVEL", CommonContract.LOG_LEVEL.env());
    }

    @Test
    void keysThatNoEnvironmentVariableCouldSetAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Setting.of("Rate.Limit", Setting.Type.STRING, "1", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> Setting.of("rate_limit", Setting.Type.STRING, "1", "x"));
    }

    @Test
    void boundsAcceptTheirEdgesAndNameTheRange() {
        Setting rps = GatewayContract.RATE_LIMIT_RPS;
        assertTrue(rps.allows(1) && rps.allows(100_000));
        assertFalse(rps.allows(0) || rps.allows(100_001));
        assertEquals("rate.limit.rps must be between 1 and 100000, got 0", rps.outOfRange(0));
        assertEquals("at least 1", UsersContract.REDIS_POOL_SIZE.range());
    }

    @Test
    void aDefaultOutsideItsOwnBoundsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Setting.integer("rate.limit.rps", 0, 1, 10, "x"));
        assertEquals("rate.limit.rps: default 0 must be between 1 and 10", e.getMessage());
    }

    static List<List<Setting>> contracts() {
        return List.of(GatewayContract.ALL, UsersContract.ALL);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void eachServiceHasDistinctNamesAndParsableIntegerDefaults(List<Setting> contract) {
        Set<String> envs = new HashSet<>();
        for (Setting setting : contract) {
            assertTrue(envs.add(setting.env()), setting.env());
            if (setting.type() == Setting.Type.INTEGER) {
                assertTrue(setting.allows(setting.defaultInt()), setting.key());
            }
        }
    }
}
