package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which path segments name a user: a UUID in its 8-4-4-4-12 hex form, in either case, kept in lower case. */
class CanonicalIdTest {
    private static final String ID = "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5f";

    @Test
    void aLowerCaseIdIsKeptAsItIs() {
        assertSame(ID, UserService.canonicalId(ID).orElseThrow());
    }

    @Test
    void upperAndMixedCaseNameTheSameUser() {
        assertEquals(Optional.of(ID), UserService.canonicalId(ID.toUpperCase(Locale.ROOT)));
        assertEquals(Optional.of(ID), UserService.canonicalId("9F1c0B7e-3D2a-4C5b-8E6f-0A1b2C3d4E5f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not-a-uuid",
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5",   // 35 characters
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5f0", // 37
        "9f1c0b7e3d2a-4c5b-8e6f-0a1b2c3d4e5f0",  // a dash moved
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d-4e5f",
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5g",  // not hex
        "9f1c0b7e_3d2a-4c5b-8e6f-0a1b2c3d4e5f",
        "{9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e}",
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5\u0430", // Cyrillic a
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5\uFF10", // fullwidth zero
        "9f1c0b7e-3d2a-4c5b-8e6f-0a1b2c3d4e5\u0130", // capital I with dot: lower-cases to two characters
    })
    void anythingElseNamesNoUser(String id) {
        assertEquals(Optional.empty(), UserService.canonicalId(id));
    }

    /** The loop against the pattern it replaced, on strings one or two edits away from a UUID. */
    @Test
    void agreesWithTheUuidPatternOnNearMisses() {
        Pattern uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String alphabet = "0123456789abcdefABCDEFgG-_ \u0130\u212A\u00C5";
        Random random = new Random(42);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder id = new StringBuilder(ID);
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                int at = random.nextInt(id.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> id.insert(at, c);
                    case 1 -> id.setCharAt(Math.min(at, id.length() - 1), c);
                    default -> id.deleteCharAt(Math.min(at, id.length() - 1));
                }
            }
            String lower = id.toString().toLowerCase(Locale.ROOT);
            Optional<String> expected = uuid.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
            assertEquals(expected, UserService.canonicalId(id.toString()), id::toString);
            accepted += expected.isPresent() ? 1 : 0;
        }
        assertTrue(accepted > 1_000 && accepted < 19_000, "both outcomes drawn: " + accepted);
    }
}
