package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The password rules' messages, the generator's smallest alphabet, user ARNs, and what error lines carry. */
class RotationRulesTest {

    @Test
    void aForbiddenCharacterIsNamedAsSuchAndAControlCharacterAsNotPrintable() {
        assertEquals(Optional.of("a password contains a character ElastiCache refuses at position 0"
                + " (one of , \" / @ or space)"), ElastiCachePasswords.violation(",bcdefghijklmnop"));
        assertEquals(Optional.of("a password contains a character ElastiCache refuses at position 3"
                + " (not printable ASCII)"), ElastiCachePasswords.violation("abc\u007fefghijklmnop"));
        assertEquals(Optional.empty(), ElastiCachePasswords.violation("~bcdefghijklmno!"));
    }

    @Test
    void exclusionsMayLeaveExactlyThirtyTwoCharactersButNotThirtyOne() {
        String all = PasswordGenerator.alphabet("");
        String leaveThirtyTwo = all.substring(32);
        assertEquals(32, PasswordGenerator.alphabet(leaveThirtyTwo).length());
        assertTrue(new PasswordGenerator(16, leaveThirtyTwo).generate().chars().allMatch(c -> all.indexOf(c) < 32));
        assertThrows(IllegalArgumentException.class, () -> PasswordGenerator.alphabet(all.substring(31)));
    }

    @Test
    void aUserArnNeedsAnIdAfterUser() {
        assertEquals("x", credentials("arn:aws:elasticache:eu-west-1:111122223333:user:x").userId());
        for (String arn : new String[] {"arn:aws:elasticache:eu-west-1:111122223333:user:", "user:app",
                "arn:aws:elasticache:eu-west-1:111122223333:usergroup:app"}) {
            RotationException e = assertThrows(RotationException.class, () -> credentials(arn).userId(), arn);
            assertEquals("secret field user_arn is not an ElastiCache user ARN", e.getMessage());
        }
    }

    @Test
    void credentialsPrintTheirUserButNeverThePassword() {
        RedisCredentials credentials = credentials("arn:aws:elasticache:eu-west-1:111122223333:user:app");
        assertEquals("RedisCredentials[username=app, password=<redacted>]", credentials.toString());
    }

    @Test
    void aSecretIdIsEchoedWholeUpTo160CharactersAndClippedBeyond() {
        String exact = "s".repeat(160);
        assertEquals(exact, RotationEvent.clip(exact));
        assertEquals(exact + "...", RotationEvent.clip(exact + "t"));
    }

    @Test
    void anErrorLineNamesTheExceptionAndItsMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLog(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC())
                .with(Map.of("step", "setSecret"))
                .error("rotation step failed", new RotationException("user app is 'deleting', not active"));
        var line = JsonParser.parseString(out.toString(StandardCharsets.UTF_8).strip()).getAsJsonObject();
        assertEquals("ERROR", line.get("level").getAsString());
        assertEquals("setSecret", line.get("step").getAsString());
        assertEquals("RotationException: user app is 'deleting', not active", line.get("error").getAsString());
        assertFalse(line.has("password"));
    }

    private static RedisCredentials credentials(String arn) {
        return RedisCredentials.parse(new Gson().toJson(Map.of("username", "app", "password", "Secret-password-0123456",
                "user_arn", arn)));
    }
}
