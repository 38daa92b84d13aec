package com.usersplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.usersplatform.common.Json;
import com.usersplatform.gateway.testing.RawHttp;
import com.usersplatform.gateway.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests Helidon rejects before any route runs still get the API's JSON error body and a request id at the public
 * edge (raw bytes over a socket: {@code java.net.http} would refuse to send them).
 */
class PreRoutingErrorsTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        // No users service is needed: these requests never reach routing.
        gateway = TestGateway.start("http://127.0.0.1:9", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static JsonNode errorBody(String response, int status) throws Exception {
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode json = Json.mapper().readTree(body.substring(body.indexOf('{')));
        assertFalse(json.get("request_id").asText().isEmpty(), body);
        return json;
    }

    @Test
    void malformedRequestLineGetsTheApiErrorBody() throws Exception {
        String response = RawHttp.response(gateway.port(),
                "GET /api/a b c HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("validation_error", errorBody(response, 400).get("error").asText());
    }

    @Test
    void oversizedHeaderGetsTheApiErrorBody() throws Exception {
        String response = RawHttp.response(gateway.port(), ("GET /api/users HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(64 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        // Helidon answers a header section over its limit with 400.
        assertEquals("validation_error", errorBody(response, 400).get("error").asText());
    }
}
