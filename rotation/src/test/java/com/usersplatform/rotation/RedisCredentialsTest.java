package com.usersplatform.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class RedisCredentialsTest {

    private static final String SECRET = """
            {"username":"app","password":"Old-password-0123456789","user_arn":"arn:aws:elasticache:eu-west-1:\
            111122223333:user:users-platform-app","note":"kept"}""";

    @Test
    void replacesOnlyThePasswordAndKeepsOtherFields() {
        RedisCredentials next = RedisCredentials.parse(SECRET).withPassword("New-password-0123456789");
        var json = JsonParser.parseString(next.toJson()).getAsJsonObject();
        assertEquals("New-password-0123456789", json.get("password").getAsString());
        assertEquals("app", json.get("username").getAsString());
        assertEquals("kept", json.get("note").getAsString());
        assertEquals("users-platform-app", next.userId());
    }

    @Test
    void neverPrintsThePassword() {
        assertFalse(RedisCredentials.parse(SECRET).toString().contains("Old-password"));
    }

    @Test
    void namesWhatIsWrongWithoutEchoingTheValue() {
        assertEquals("secret value is not valid JSON",
                assertThrows(RotationException.class, () -> RedisCredentials.parse("{\"password\": s3cr3t"))
                        .getMessage());
        assertEquals("secret field user_arn must be a non-empty string",
                assertThrows(RotationException.class,
                        () -> RedisCredentials.parse("{\"username\":\"a\",\"password\":\"b\"}")).getMessage());
        assertEquals("secret field user_arn is not an ElastiCache user ARN",
                assertThrows(RotationException.class, () -> RedisCredentials.parse(
                        "{\"username\":\"a\",\"password\":\"b\",\"user_arn\":\"app\"}").userId()).getMessage());
    }
}
