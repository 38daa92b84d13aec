package com.usersplatform.common;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Health endpoints, to be registered under {@code /health}: {@code /health/live} (the process answers),
 * {@code /health/ready} (every named dependency check is up) and {@code /health} (summary with service name and
 * version). 200 when up, 503 when not; bodies name each check: {@code {"status":"DOWN","checks":{"redis":"DOWN"}}}.
 * An {@linkplain HealthCheck#advisory advisory} check shows its own word when not up and leaves the status alone.
 */
public final class HealthService implements HttpService {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    private final ServiceInfo service;
    private final Map<String, HealthCheck> checks;

    /** Health for {@code service} with readiness {@code checks} by name (iteration order is kept). */
    public HealthService(ServiceInfo service, Map<String, HealthCheck> checks) {
        this.service = service;
        this.checks = new LinkedHashMap<>(checks);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/live", this::live)
                .get("/ready", this::ready)
                .get("/", this::summary)
                .any("/live", ApiErrors.methodNotAllowed(Method.GET))
                .any("/ready", ApiErrors.methodNotAllowed(Method.GET))
                .any("/", ApiErrors.methodNotAllowed(Method.GET));
    }

    private void live(ServerRequest req, ServerResponse res) {
        send(res, true, Map.of("status", "UP"));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        Map<String, String> results = runChecks();
        boolean up = allUp(results);
        send(res, up, Map.of("status", status(up), "checks", results));
    }

    private void summary(ServerRequest req, ServerResponse res) {
        Map<String, String> results = runChecks();
        boolean up = allUp(results);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("service", service.name());
        body.put("version", service.version());
        body.put("checks", results);
        send(res, up, body);
    }

    /** Runs every check in parallel on virtual threads, each bounded by {@link #CHECK_TIMEOUT}. */
    private Map<String, String> runChecks() {
        Map<String, String> results = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> names = List.copyOf(checks.keySet());
            List<Future<Boolean>> futures = executor.invokeAll(
                    names.stream().map(name -> (Callable<Boolean>) checks.get(name)::isUp).toList(),
                    CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                results.put(name, succeeded(futures.get(i)) ? "UP" : checks.get(name).downStatus());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.forEach((name, check) -> results.putIfAbsent(name, check.downStatus()));
        }
        return results;
    }

    private static boolean succeeded(Future<Boolean> future) {
        try {
            return !future.isCancelled() && Boolean.TRUE.equals(future.resultNow());
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private boolean allUp(Map<String, String> results) {
        return results.entrySet().stream()
                .allMatch(e -> "UP".equals(e.getValue()) || !checks.get(e.getKey()).gatesReadiness());
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    private static void send(ServerResponse res, boolean up, Map<String, ?> body) {
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.writeBytes(body));
    }
}
