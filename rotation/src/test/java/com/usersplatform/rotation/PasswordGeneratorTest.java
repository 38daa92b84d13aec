package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    @Test
    void passwordsFollowElastiCacheRulesAndTheExclusions() {
        PasswordGenerator generator = new PasswordGenerator(128, "'\\`");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = generator.generate();
            assertEquals(128, password.length());
            password.chars().forEach(c -> {
                assertTrue(c > ' ' && c <= '~', "printable ASCII without space");
                assertTrue("\"/@'\\`".indexOf(c) < 0, "excluded character " + (char) c);
                seen.add(c);
            });
        }
        assertEquals(94 - 6, seen.size(), "every allowed character turns up");
    }

    @Test
    void passwordsDoNotRepeat() {
        PasswordGenerator generator = new PasswordGenerator(16, "");
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            passwords.add(generator.generate());
        }
        assertEquals(1000, passwords.size());
    }

    @Test
    void refusesLengthsElastiCacheRejectsAndExclusionsThatLeaveTooFewCharacters() {
        assertEquals("password length must be 16-128, got 15",
                assertThrows(IllegalArgumentException.class, () -> new PasswordGenerator(15, "")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PasswordGenerator(129, ""));
        String allButDigits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+,-.:;<=>?[]^_{|}~'\\`";
        assertThrows(IllegalArgumentException.class, () -> new PasswordGenerator(32, allButDigits));
    }
}
