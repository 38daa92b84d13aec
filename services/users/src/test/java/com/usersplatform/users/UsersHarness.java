package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.usersplatform.common.Json;
import com.usersplatform.testing.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A users service started in-process against a real redis-server, and an HTTP client for it. */
final class UsersHarness implements AutoCloseable {
    private final Main.Running running;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private UsersHarness(Main.Running running) {
        this.running = running;
    }

    /** Starts the service on a free port with Redis at {@code redis} plus {@code env} overrides. */
    static UsersHarness start(RedisServer redis, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of(
                "SERVER_PORT", "0",
                "REDIS_HOST", redis.host(),
                "REDIS_PORT", Integer.toString(redis.port()),
                "SERVICE_VERSION", "test"));
        all.putAll(env);
        return new UsersHarness(Main.start(UsersConfig.load(all)));
    }

    static UsersHarness start(RedisServer redis) {
        return start(redis, Map.of());
    }

    int port() {
        return running.server().port();
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = Arrays.stream(headers).anyMatch("Content-Type"::equalsIgnoreCase);
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body);
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, body);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** Creates a user and returns its id (asserting 201). */
    String createUser(String name, String email) {
        HttpResponse<String> res = post("/users", Json.write(Map.of("name", name, "email", email)));
        assertTrue(res.statusCode() == 201, () -> "create failed: " + res.statusCode() + " " + res.body());
        return json(res).get("id").asText();
    }

    static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.mapper().readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + res.body(), e);
        }
    }

    /** The value of the first series matching {@code series} (a regex) in Prometheus text, 0 when absent. */
    static double metric(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Override
    public void close() {
        running.close();
    }
}
