package com.usersplatform.users;

import static com.usersplatform.users.UsersHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.usersplatform.common.Json;
import com.usersplatform.common.Logs;
import com.usersplatform.common.ServiceInfo;
import com.usersplatform.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every route and error code of the users API (docs/product.md) over real HTTP against a real redis-server. */
class UsersApiTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static RedisServer redis;
    private static UsersHarness users;

    @BeforeAll
    static void start() {
        Logs.install(new ServiceInfo("users", "test"), new PrintStream(LOG, true, StandardCharsets.UTF_8));
        redis = RedisServer.start();
        users = UsersHarness.start(redis);
    }

    @AfterAll
    static void stop() {
        users.close();
        redis.close();
    }

    @Test
    void createReturnsTheStoredUserTrimmedAndLowerCased() {
        HttpResponse<String> res = users.post("/users",
                "{\"name\": \"  Ada Lovelace \", \"email\": \" Ada@Example.COM \", \"role\": \"admin\"}");
        assertEquals(201, res.statusCode(), res.body());
        JsonNode user = json(res);
        String id = user.get("id").asText();
        assertEquals(4, UUID.fromString(id).version());
        assertEquals("Ada Lovelace", user.get("name").asText());
        assertEquals("ada@example.com", user.get("email").asText());
        assertTrue(user.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(user.get("created_at"), user.get("updated_at"));
        assertFalse(user.has("role"), "unknown fields are not returned");
        assertEquals(List.of("id", "name", "email", "created_at", "updated_at"), fieldNames(user));
        assertEquals("/users/" + id, res.headers().firstValue("Location").orElse(null));
        assertEquals(user, json(users.get("/users/" + id)));
        assertFalse(redis.command("HKEYS", "{users}:user:" + id).contains("role"), "unknown fields are not stored");
    }

    @Test
    void namesOutsideAsciiComeBackAsUtf8WithTheirByteLength() {
        String name = "Zoë 李 \uD83D\uDE80";
        HttpResponse<String> created = users.post("/users", body(name, "utf8.name@example.com"));
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> read = users.get(created.headers().firstValue("Location").orElseThrow());
        for (HttpResponse<String> res : List.of(created, read)) {
            assertEquals(name, json(res).get("name").asText());
            assertEquals(res.body().getBytes(StandardCharsets.UTF_8).length,
                    Integer.parseInt(res.headers().firstValue("Content-Length").orElseThrow()));
            assertEquals("application/json", res.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void duplicateEmailInAnyCaseIsRejected() {
        users.createUser("First", "dup.case@example.com");
        HttpResponse<String> res = users.post("/users", "{\"name\":\"Second\",\"email\":\"DUP.Case@Example.com\"}");
        assertError(res, 409, "duplicate_email", "email");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"email":"a1@example.com"}                        | name
            {"name":"A"}                                      | email
            {"name":"   ","email":"a2@example.com"}           | name
            {"name":123,"email":"a3@example.com"}             | name
            {"name":null,"email":"a4@example.com"}            | name
            {"name":"A","email":["a5@example.com"]}           | email
            {"name":"A","email":"not-an-email"}               | email
            {"name":"A","email":"a@b"}                        | email
            {"name":"A","email":"two@@example.com"}           | email
            {"name":"A","email":"sp ace@example.com"}         | email
            {"name":"A\\u0000B","email":"a6@example.com"}     | name
            """)
    void createRejectsInvalidFields(String body, String field) {
        assertError(users.post("/users", body), 400, "validation_error", field);
    }

    @Test
    void createEnforcesLengthLimits() {
        String name100 = "n".repeat(100);
        assertEquals(201, users.post("/users", body(name100, "len1@example.com")).statusCode());
        assertError(users.post("/users", body(name100 + "n", "len2@example.com")), 400, "validation_error", "name");

        String local = "l".repeat(64);
        String email254 = local + "@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".com";
        assertEquals(254, email254.length());
        assertEquals(201, users.post("/users", body("Long", email254)).statusCode());
        String email255 = local + "@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(58) + ".com";
        assertError(users.post("/users", body("Longer", email255)), 400, "validation_error", "email");
        String label64 = "x@" + "a".repeat(64) + ".com";
        assertError(users.post("/users", body("Label", label64)), 400, "validation_error", "email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"A\", ", "[]", "\"text\"", "42", "null", "",
            "{\"name\":\"A\",\"name\":\"B\"}"})
    void createRejectsBodiesThatAreNotOneJsonObject(String body) {
        assertError(users.post("/users", body), 400, "validation_error", null);
    }

    @Test
    void createRequiresJsonContentType() {
        String body = body("Media", "media@example.com");
        assertError(users.send("POST", "/users", body, "Content-Type", "text/plain"), 415,
                "unsupported_media_type", null);
        assertError(users.send("POST", "/users", null), 415, "unsupported_media_type", null);
        assertEquals(201, users.send("POST", "/users", body, "Content-Type", "application/json; charset=utf-8")
                .statusCode());
    }

    @Test
    void oversizedBodyIsRejectedWith413() {
        String huge = body("x".repeat(20_000), "huge@example.com");
        assertError(users.post("/users", huge), 413, "payload_too_large", null);
        String id = users.createUser("Small", "small413@example.com");
        assertError(users.put("/users/" + id, huge), 413, "payload_too_large", null);
    }

    @Test
    void idsAreCaseInsensitiveLikeEveryUuid() {
        String id = users.createUser("Grace", "grace.case@example.com");
        String upper = id.toUpperCase(java.util.Locale.ROOT);

        assertEquals(id, json(users.get("/users/" + upper)).get("id").asText());
        assertEquals(200, users.put("/users/" + upper, "{\"name\": \"Grace H\"}").statusCode());
        assertEquals("Grace H", json(users.get("/users/" + id)).get("name").asText());
        assertEquals(204, users.delete("/users/" + upper).statusCode());
        assertError(users.get("/users/" + id), 404, "user_not_found", null);
    }

    @Test
    void getUnknownOrMalformedIdIsUserNotFound() {
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> res = users.get("/users/" + unknown);
        assertError(res, 404, "user_not_found", null);
        assertEquals(unknown, json(res).get("id").asText());
        assertError(users.get("/users/not-a-uuid"), 404, "user_not_found", null);
        assertError(users.get("/users/%7B%22x%22%7D"), 404, "user_not_found", null);
    }

    @Test
    void updateChangesOnlyGivenFields() throws InterruptedException {
        String id = users.createUser("Before", "update.me@example.com");
        JsonNode created = json(users.get("/users/" + id));
        Thread.sleep(5);

        JsonNode renamed = json(users.put("/users/" + id, "{\"name\":\" After \"}"));
        assertEquals("After", renamed.get("name").asText());
        assertEquals("update.me@example.com", renamed.get("email").asText());
        assertEquals(created.get("created_at"), renamed.get("created_at"));
        assertNotEquals(created.get("updated_at"), renamed.get("updated_at"));

        HttpResponse<String> res = users.put("/users/" + id, "{\"email\":\"Moved@Example.com\",\"id\":\"x\"}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("moved@example.com", json(res).get("email").asText());
        assertEquals(id, json(res).get("id").asText());
        assertEquals(json(res), json(users.get("/users/" + id)));

        // the old address is free again; changing the case of one's own address is not a conflict
        users.createUser("Reuser", "update.me@example.com");
        assertEquals(200, users.put("/users/" + id, "{\"email\":\"MOVED@example.com\",\"name\":\"Both\"}")
                .statusCode());
    }

    @Test
    void updateErrors() {
        String id = users.createUser("Upd", "upd.errors@example.com");
        users.createUser("Other", "taken@example.com");
        assertError(users.put("/users/" + id, "{}"), 400, "validation_error", null);
        assertError(users.put("/users/" + id, "{\"role\":\"admin\"}"), 400, "validation_error", null);
        assertError(users.put("/users/" + id, "{\"name\":5}"), 400, "validation_error", "name");
        assertError(users.put("/users/" + id, "{\"email\":\"nope\"}"), 400, "validation_error", "email");
        assertError(users.put("/users/" + id, "{\"name\":\"" + "n".repeat(101) + "\"}"), 400,
                "validation_error", "name");
        assertError(users.put("/users/" + id, "not json"), 400, "validation_error", null);
        assertError(users.put("/users/" + id, "{\"email\":\"Taken@example.com\"}"), 409, "duplicate_email", "email");
        assertError(users.put("/users/" + UUID.randomUUID(), "{\"name\":\"Ghost\"}"), 404, "user_not_found", null);
        assertError(users.send("PUT", "/users/" + id, "{\"name\":\"X\"}", "Content-Type", "text/plain"), 415,
                "unsupported_media_type", null);
        assertEquals("upd.errors@example.com", json(users.get("/users/" + id)).get("email").asText());
    }

    @Test
    void deleteRemovesUserAndFreesEmail() {
        String id = users.createUser("Gone", "gone@example.com");
        HttpResponse<String> res = users.delete("/users/" + id);
        assertEquals(204, res.statusCode());
        assertEquals("", res.body());
        assertError(users.get("/users/" + id), 404, "user_not_found", null);
        assertError(users.delete("/users/" + id), 404, "user_not_found", null);
        assertError(users.delete("/users/zzz"), 404, "user_not_found", null);
        users.createUser("Again", "GONE@example.com");
    }

    @Test
    void listIsPagedInCreationOrderWithTotalCount() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(users.createUser("Page " + i, "page" + i + "@example.com"));
        }
        HttpResponse<String> all = users.get("/users?limit=1000");
        assertEquals(200, all.statusCode());
        JsonNode array = json(all);
        assertTrue(array.isArray(), "bare array");
        long total = Long.parseLong(all.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(array.size(), total);
        List<String> listed = new ArrayList<>();
        array.forEach(user -> listed.add(user.get("id").asText()));
        assertEquals(ids, listed.subList(listed.indexOf(ids.get(0)), listed.indexOf(ids.get(0)) + 5),
                "creation order");

        int start = listed.indexOf(ids.get(1));
        HttpResponse<String> page = users.get("/users?limit=2&offset=" + start);
        assertEquals(List.of(ids.get(1), ids.get(2)), idsOf(json(page)));
        assertEquals(Long.toString(total), page.headers().firstValue("X-Total-Count").orElseThrow());

        HttpResponse<String> beyond = users.get("/users?offset=100000");
        assertEquals(0, json(beyond).size());
        assertTrue(json(users.get("/users")).size() <= UserService.DEFAULT_LIMIT);
    }

    @ParameterizedTest
    @CsvSource({"limit=0,limit", "limit=1001,limit", "limit=abc,limit", "limit=-5,limit", "limit=1.5,limit",
            "offset=-1,offset", "offset=x,offset", "limit=,limit", "offset=99999999999999999999,offset"})
    void listRejectsBadPagingParameters(String query, String field) {
        assertError(users.get("/users?" + query), 400, "validation_error", field);
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() {
        assertError(users.get("/nope"), 404, "not_found", null);
        assertError(users.get("/users/1/extra"), 404, "not_found", null);
        assertError(users.send("DELETE", "/users", null), 405, "method_not_allowed", null);
        HttpResponse<String> patch = users.send("PATCH", "/users/" + UUID.randomUUID(), "{}");
        assertError(patch, 405, "method_not_allowed", null);
        assertEquals("GET, PUT, DELETE", patch.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void requestsHelidonRejectsBeforeRoutingGetJsonErrors() throws Exception {
        for (String target : List.of("/users?limit=%zz", "/users/%zz")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", users.port())) {
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nX-Request-ID: raw-1\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 400"), response);
                JsonNode body = Json.mapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
                assertEquals("validation_error", body.get("error").asText());
                // the request line fails before headers are read, so the id is generated and echoed
                assertTrue(response.contains("X-Request-ID: " + body.get("request_id").asText()), response);
            }
        }
    }

    @Test
    void requestIdIsEchoedAndInErrorBodies() {
        HttpResponse<String> res = users.send("GET", "/users/" + UUID.randomUUID(), null, "X-Request-ID", "req-42");
        assertEquals("req-42", res.headers().firstValue("X-Request-ID").orElse(null));
        assertEquals("req-42", json(res).get("request_id").asText());
        HttpResponse<String> generated = users.get("/users/x");
        assertEquals(generated.headers().firstValue("X-Request-ID").orElseThrow(),
                json(generated).get("request_id").asText());
    }

    @Test
    void healthEndpointsReportRedisUp() {
        assertEquals(200, users.get("/health/live").statusCode());
        HttpResponse<String> ready = users.get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("UP", json(ready).at("/checks/redis").asText());
        JsonNode health = json(users.get("/health"));
        assertEquals("UP", health.get("status").asText());
        assertEquals("users", health.get("service").asText());
    }

    @Test
    void metricsExposeNamedSeriesWithRouteTemplates() {
        String id = users.createUser("Metric", "metric@example.com");
        users.get("/users/" + id);
        users.get("/users/" + UUID.randomUUID());
        String text = users.get("/metrics").body();
        assertTrue(text.contains("http_requests_total{method=\"GET\",route=\"/users/{id}\",status_code=\"200\"}"),
                text);
        assertTrue(text.contains("http_requests_total{method=\"POST\",route=\"/users\",status_code=\"201\"}"));
        assertTrue(text.contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/users/{id}\""));
        assertTrue(text.contains("redis_operation_duration_seconds_count{operation=\"create\",status=\"ok\"}"));
        assertTrue(text.contains("redis_operation_duration_seconds_bucket{operation=\"get\",status=\"ok\""));
        assertTrue(text.contains("# TYPE users_total gauge"));
        assertTrue(text.matches("(?s).*\\nusers_total [1-9][0-9]*\\.0\\n.*"), "users_total counts the users");
        assertTrue(text.contains("jvm_memory_used_bytes"));
        assertFalse(text.contains(id), "no raw ids in labels");
    }

    @Test
    void logLinesAreJsonWithRequestIdAndNoEmails() throws InterruptedException {
        users.send("POST", "/users", body("Logged", "private.person@example.com"), "X-Request-ID", "log-me-1");
        JsonNode access = null;
        for (int i = 0; i < 100 && access == null; i++) {
            access = Arrays.stream(LOG.toString(StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> line.contains("log-me-1") && line.contains("status_code"))
                    .map(line -> {
                        try {
                            return Json.mapper().readTree(line);
                        } catch (Exception e) {
                            throw new AssertionError("Not JSON: " + line, e);
                        }
                    }).findFirst().orElse(null);
            Thread.sleep(20);
        }
        assertTrue(access != null, "access log line with the request id");
        assertEquals("log-me-1", access.get("request_id").asText());
        assertEquals("POST", access.get("method").asText());
        assertEquals("/users", access.get("route").asText());
        assertEquals(201, access.get("status_code").asInt());
        assertEquals("users", access.get("service").asText());
        assertTrue(access.has("duration_ms") && access.has("timestamp") && access.has("version"));
        assertFalse(LOG.toString(StandardCharsets.UTF_8).contains("private.person@example.com"));
    }

    static void assertError(HttpResponse<String> res, int status, String code, String field) {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = json(res);
        assertEquals(code, body.get("error").asText(), res.body());
        assertFalse(body.get("message").asText().isBlank());
        assertEquals(res.headers().firstValue("X-Request-ID").orElseThrow(), body.get("request_id").asText());
        if (field != null) {
            assertEquals(field, body.path("field").asText(null), res.body());
        }
    }

    private static String body(String name, String email) {
        return Json.write(Map.of("name", name, "email", email));
    }

    private static List<String> idsOf(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(user -> ids.add(user.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
