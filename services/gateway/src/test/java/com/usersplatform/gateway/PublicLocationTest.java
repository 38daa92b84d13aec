package com.usersplatform.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only a Location in the users service's own path space is rewritten; nothing else becomes a gateway URL. */
class PublicLocationTest {
    private static String rewritten(String name, String value) {
        return UsersProxyService.publicHeader(HeaderValues.create(HeaderNames.create(name), value)).get();
    }

    @Test
    void usersPathsGetTheGatewayPrefixWhateverTheHeaderCase() {
        assertEquals("/api/users/42", rewritten("Location", "/users/42"));
        assertEquals("/api/users/42", rewritten("location", "/users/42"));
        assertEquals("/api/users", rewritten("Location", "/users"));
        assertEquals("/api/users?offset=2", rewritten("Location", "/users?offset=2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/users/1", "//evil.example/users/1", "/usersX/1", "/api/users/1",
        "/other/users/1", "users/1", ""})
    void anythingElseIsPassedOnUntouched(String location) {
        assertEquals(location, rewritten("Location", location));
    }

    @Test
    void otherHeadersAreNeverRewritten() {
        assertEquals("/users/42", rewritten("Content-Location", "/users/42"));
    }
}
