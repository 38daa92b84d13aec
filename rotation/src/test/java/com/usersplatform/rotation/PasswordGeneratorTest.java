package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    /** The ElastiCache guide's rule, restated here independently of the production code it checks. */
    private static boolean elastiCacheAccepts(String password) {
        return password.length() >= 16 && password.length() <= 128
                && password.chars().allMatch(c -> c > ' ' && c <= '~' && ",\"/@".indexOf(c) < 0);
    }

    @Test
    void noneOfTwentyThousandPasswordsBreaksAnElastiCacheRule() {
        int generated = 0;
        int broken = 0;
        int withComma = 0;
        for (int length : new int[] {16, 32, 48, 64, 128}) {
            for (String exclusions : new String[] {"", "'\\`"}) {
                PasswordGenerator generator = new PasswordGenerator(length, exclusions);
                for (int i = 0; i < 2_000; i++) {
                    String password = generator.generate();
                    generated++;
                    broken += elastiCacheAccepts(password) ? 0 : 1;
                    withComma += password.indexOf(',') >= 0 ? 1 : 0;
                    assertEquals(length, password.length());
                }
            }
        }
        System.out.printf("password property: %d generated, %d break an ElastiCache rule, %d contain a comma%n",
                generated, broken, withComma);
        assertEquals(20_000, generated);
        assertEquals(0, broken, "passwords ElastiCache would refuse");
    }

    @Test
    void everyAllowedCharacterTurnsUpAndNoExcludedOne() {
        PasswordGenerator generator = new PasswordGenerator(128, "'\\`");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            generator.generate().chars().forEach(seen::add);
        }
        // 94 printable characters without space, minus , " / @ and the three exclusions.
        assertEquals(94 - 4 - 3, seen.size());
        for (char c : ",\"/@ '\\`".toCharArray()) {
            assertEquals(false, seen.contains((int) c), "character " + c);
        }
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
        String allButDigits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+-.:;<=>?[]^_{|}~'\\`";
        assertThrows(IllegalArgumentException.class, () -> new PasswordGenerator(32, allButDigits));
    }
}
