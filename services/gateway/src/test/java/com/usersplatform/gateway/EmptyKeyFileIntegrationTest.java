package com.usersplatform.gateway;

import java.net.http.HttpResponse;
import java.util.Map;

import com.usersplatform.gateway.testing.FreePort;
import com.usersplatform.gateway.testing.LogCapture;
import com.usersplatform.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A first deploy seeds the API-key secret before any operator has put a key hash in it: the gateway must still
 * start, refuse every API request with 401, and say in its log why.
 */
class EmptyKeyFileIntegrationTest {

    @Test
    void startsRefusesEveryApiRequestAndLogsWhy() throws Exception {
        LogCapture logs = LogCapture.install();
        // No users service behind it: the guard answers before anything is forwarded.
        try (TestGateway gateway = TestGateway.start("http://127.0.0.1:" + FreePort.find(), Map.of(),
                "# placeholder written by the first deploy: no key yet\n")) {
            assertEquals(200, gateway.send("GET", "/health/live", null).statusCode());
            for (String method : new String[] {"GET", "POST", "DELETE"}) {
                HttpResponse<String> response = gateway.api(method, "/api/users", "POST".equals(method) ? "{}" : null);
                assertEquals(401, response.statusCode(), method + ": " + response.body());
            }
            assertEquals(401, gateway.send("GET", "/api/users", null).statusCode());
            assertFalse(logs.linesContaining("no key hash in it").isEmpty(), "the log says why everything is 401");
        }
    }
}
