package com.usersplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.usersplatform.gateway.testing.LogCapture;
import com.usersplatform.gateway.testing.RawHttp;
import com.usersplatform.gateway.testing.TestGateway;
import com.usersplatform.gateway.testing.TestUsers;
import com.usersplatform.testing.RedisServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomized hostile input through the gateway into the real users service: malformed JSON, wrong types, huge and
 * odd headers, path tricks, wrong methods and content types. No request may get a 5xx, and both services must be
 * healthy and working afterwards. The seed is printed so a failure can be replayed ({@code -Dfuzz.seed=...}).
 */
class BadInputIntegrationTest {
    private static final int REQUESTS = 2_400;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO", "get", "CONNECT");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json; charset=latin1", "*/*", ";;;", "application/", "application/problem+json", "");
    private static final List<String> BODIES = List.of("{\"name\":\"Ann\",\"email\":\"ann@example.com\"}",
            "{\"name\":", "{", "}", "[]", "[1,2,3]", "null", "true", "42", "\"str\"", "{\"name\":null,\"email\":null}",
            "{\"name\":42,\"email\":[]}", "{\"name\":{},\"email\":{\"a\":1}}", "{\"name\":\"\",\"email\":\"\"}",
            "{\"name\":\"   \",\"email\":\"a@b\"}", "{\"name\":\"x\",\"email\":\"no-at-sign\"}",
            "{\"name\":\"\\u0000\\ud800\",\"email\":\"x@example.com\"}", "{\"email\":\"UPPER@EXAMPLE.COM\"}",
            "{\"name\":\"" + "n".repeat(101) + "\",\"email\":\"x@example.com\"}",
            "{\"name\":\"x\",\"email\":\"" + "e".repeat(250) + "@example.com\"}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "{\"name\":\"x\",\"name\":\"y\",\"email\":\"dup@example.com\"}", "\u00ff\u00fe garbage \u0001",
            "{\"name\":\"x\",\"email\":\"x@example.com\",\"id\":\"forged\",\"created_at\":1}",
            "{'name':'single quotes'}", "{\"name\":\"x\" \"email\":\"y\"}", "1e999999", "-");

    @Test
    void randomizedBadInputGivesNo5xxAndLeavesBothServicesHealthy() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("BadInputIntegrationTest seed=" + seed);
        Random random = new Random(seed);
        LogCapture logs = LogCapture.install();
        try (RedisServer redis = RedisServer.start();
             TestUsers users = TestUsers.start(redis, 0);
             TestGateway gateway = TestGateway.start(users.url(), Map.of())) {
            String existing = createUser(gateway);
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < REQUESTS; i++) {
                String request = randomRequest(random, existing, "fuzz-" + i);
                int status = RawHttp.status(gateway.port(), request.getBytes(StandardCharsets.UTF_8));
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    Thread.sleep(200);
                }
                assertTrue(status < 500, "request #" + i + " (seed " + seed + ") got " + status + ":\n"
                        + request.substring(0, Math.min(request.length(), 600)).replace("\r\n", " | ")
                        + "\nlogs: " + logs.linesContaining("\"fuzz-" + i + "\""));
            }
            System.out.println("BadInputIntegrationTest statuses=" + statuses);
            assertTrue(statuses.keySet().stream().filter(s -> s >= 200 && s < 500).count() >= 5,
                    "the inputs reach a spread of outcomes: " + statuses);

            assertEquals(200, gateway.send("GET", "/health/ready", null).statusCode());
            assertEquals(200, TestGateway.sendTo(users.port(), "GET", "/health/ready", null).statusCode());
            // The fuzz may have deleted or updated the user it aimed at: check the service with a fresh one.
            String fresh = createUser(gateway);
            assertEquals(200, gateway.api("GET", "/api/users/" + fresh, null).statusCode());
            assertEquals(204, gateway.api("DELETE", "/api/users/" + fresh, null).statusCode());
        }
    }

    private static String createUser(TestGateway gateway) {
        var created = gateway.api("POST", "/api/users", "{\"name\":\"Fuzz\",\"email\":\"fuzz-" + UUID.randomUUID()
                + "@example.com\"}");
        assertEquals(201, created.statusCode(), created.body());
        return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String randomRequest(Random random, String existing, String requestId) {
        String method = random.nextInt(3) == 0 ? pick(random, METHODS) : pick(random, List.of("GET", "POST", "PUT"));
        String target = randomTarget(random, existing);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (random.nextInt(10) != 0) {
            head.append(random.nextBoolean() ? "X-API-Key: " + TestGateway.KEY
                    : "Authorization: Bearer " + TestGateway.KEY).append("\r\n");
        }
        String contentType = pick(random, CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        String odd = randomHeaders(random);
        head.append(odd.contains("X-Request-ID") ? odd : odd + "X-Request-ID: " + requestId + "\r\n");
        String body = random.nextInt(4) == 0 ? "" : mutate(random, pick(random, BODIES));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty() || random.nextBoolean()) {
            int length = switch (random.nextInt(12)) {
                case 0 -> Math.max(0, bytes.length - 1 - random.nextInt(Math.max(1, bytes.length)));
                default -> bytes.length;
            };
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        return head.append("\r\n").append(body).toString();
    }

    private static String randomTarget(Random random, String existing) {
        String id = switch (random.nextInt(14)) {
            case 0 -> "..";
            case 1 -> "%2e%2e";
            case 2 -> "a%2Fb";
            case 3 -> "..%2F..%2Fhealth";
            case 4 -> "x".repeat(1 + random.nextInt(6000));
            case 5 -> "%00";
            case 6 -> "%ZZ";
            case 7 -> existing + "/extra";
            case 8 -> existing.toUpperCase();
            case 9 -> "%E2%9C%93" + existing;
            case 10 -> "%252F";
            case 11 -> ";jsessionid=1";
            case 12 -> "";
            default -> existing;
        };
        String path = switch (random.nextInt(8)) {
            case 0 -> "/api/users";
            case 1 -> "/api/users/../users/" + id;
            case 2 -> "/api//users/" + id;
            case 3 -> "/api/%75sers/" + id;
            case 4 -> "/api/users/" + id + "/";
            default -> "/api/users/" + id;
        };
        String query = switch (random.nextInt(8)) {
            case 0 -> "?limit=" + pick(random, List.of("-1", "0", "abc", "1001", "99999999999999999999", "1.5", ""));
            case 1 -> "?offset=" + pick(random, List.of("-5", "x", "18446744073709551616", "%00"));
            case 2 -> "?limit=10&limit=20&offset=0";
            case 3 -> "?" + "q=" + "v".repeat(random.nextInt(4000));
            case 4 -> "?%zz=1&=&&";
            default -> "";
        };
        return path + query;
    }

    private static String randomHeaders(Random random) {
        StringBuilder headers = new StringBuilder();
        switch (random.nextInt(9)) {
            case 0 -> headers.append("X-Request-ID: ").append("r".repeat(random.nextInt(400))).append("\r\n");
            case 1 -> headers.append("X-Request-ID: \u00e9\u00e8 <script>\r\n");
            case 2 -> headers.append("X-Big: ").append("b".repeat(random.nextInt(20_000))).append("\r\n");
            case 3 -> {
                for (int i = 0; i < 150; i++) {
                    headers.append("X-H").append(i).append(": v\r\n");
                }
            }
            case 4 -> headers.append("X-Forwarded-For: ").append("1.2.3.4, ".repeat(200)).append("\r\n");
            case 5 -> headers.append("Accept: application/xml\r\nAccept-Encoding: gzip, br, zstd\r\n");
            case 6 -> headers.append("Transfer-Encoding: chunked\r\n");
            case 7 -> headers.append("Expect: 100-continue\r\n");
            default -> { }
        }
        return headers.toString();
    }

    private static String mutate(Random random, String body) {
        if (body.isEmpty() || random.nextInt(3) != 0) {
            return body;
        }
        char[] chars = body.toCharArray();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
        }
        return random.nextBoolean() ? new String(chars) : new String(chars, 0, random.nextInt(chars.length));
    }
}
