package com.usersplatform.contract;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest {
    @Test
    void environmentNameIsDerivedFromTheKey() {
        assertEquals("RATE_LIMIT_RPS", GatewayContract.RATE_LIMIT_RPS.env());
        assertEquals("UPSTREAM_BREAKER_MINIMUM_CALLS",
                new Setting("upstream.breaker.minimum-calls", Setting.Type.INTEGER, "5", "x").env());
    }

    @Test
    void keysThatNoEnvironmentVariableCouldSetAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Setting("Rate.Limit", Setting.Type.INTEGER, "1", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Setting("rate_limit", Setting.Type.INTEGER, "1", "x"));
    }

    @Test
    void gatewayContractHasDistinctNamesAndParsableIntegerDefaults() {
        Set<String> envs = new HashSet<>();
        for (Setting setting : GatewayContract.ALL) {
            assertTrue(envs.add(setting.env()), setting.env());
            if (setting.type() == Setting.Type.INTEGER) {
                setting.defaultInt();
            }
        }
    }
}
