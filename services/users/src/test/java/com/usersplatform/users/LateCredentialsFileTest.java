package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.testing.RedisServer;
import com.usersplatform.users.redis.LogCapture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The late-file drill: Redis drops the old password before the pod's credentials file changes (a rotation that
 * outran secret delivery, or External Secrets failing). Under load, the service must keep serving on the connections
 * it opened before, never trip its outage guard, report the credentials stale after the grace (readiness, metric,
 * log), and serve new connections again soon after the file arrives.
 */
class LateCredentialsFileTest {
    private static final String USER = "users-app";
    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    private RedisServer redis;
    private Path credentials;
    private LogCapture logCapture;

    @BeforeEach
    void start() throws IOException {
        redis = RedisServer.start();
        credentials = CredentialRotationTest.createAppUser(redis, dir);
        logCapture = LogCapture.of("com.usersplatform.users.redis");
    }

    @AfterEach
    void stop() {
        logCapture.close();
        redis.close();
    }

    @Test
    void oldPasswordRemovedBeforeTheFileChanges() throws Exception {
        // A poll far longer than the drill: only the re-reads after a refusal (and on the request path) see the file.
        try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_CREDENTIALS_FILE", credentials.toString(),
                "REDIS_CREDENTIALS_POLL_MS", "600000", "REDIS_POOL_SIZE", "8",
                "REDIS_CREDENTIALS_STALE_GRACE_MS", Long.toString(GRACE.toMillis())));
             CredentialRotationTest.Traffic traffic = CredentialRotationTest.Traffic.start(users)) {
            traffic.awaitRequests(200);

            // Phase A: the old password is removed, the file still holds it; the pool's connections stay logged in
            // while a second client doubles the load, so the pool wants to grow (new connections meet WRONGPASS).
            redis.command("ACL", "SETUSER", USER, ">password-2", "<password-1");
            int requestsBefore = traffic.requests();
            int failuresBefore = traffic.failures();
            int burstRequests;
            int burstFailures;
            try (CredentialRotationTest.Traffic burst = CredentialRotationTest.Traffic.start(users)) {
                Thread.sleep(1500);
                burstRequests = burst.requests();
                burstFailures = burst.failures();
            }
            int phaseARequests = traffic.requests() - requestsBefore + burstRequests;
            int phaseAFailures = traffic.failures() - failuresBefore + burstFailures;
            double refusedInA = sample(users.get("/metrics").body(), "redis_credentials_rejected_total");

            // Phase B: every connection is dropped (failover, scale-out); new ones meet WRONGPASS with the stale file.
            requestsBefore = traffic.requests();
            failuresBefore = traffic.failures();
            redis.command("CLIENT", "KILL", "USER", USER);
            Thread.sleep(GRACE.toMillis() + 500);
            HttpResponse<String> staleReady = users.get("/health/ready");
            String staleMetrics = users.get("/metrics").body();
            int phaseBRequests = traffic.requests() - requestsBefore;
            int phaseBFailures = traffic.failures() - failuresBefore;

            // Phase C: the file arrives.
            int successesBefore = traffic.successes();
            failuresBefore = traffic.failures();
            long written = System.nanoTime();
            CredentialRotationTest.writeCredentials(credentials, "password-2");
            while (traffic.successes() == successesBefore && System.nanoTime() - written < 10_000_000_000L) {
                Thread.sleep(1);
            }
            Duration recovery = Duration.ofNanos(System.nanoTime() - written);
            traffic.awaitRequests(traffic.requests() + 200);
            int phaseCFailures = traffic.failures() - failuresBefore;
            HttpResponse<String> readyAgain = users.get("/health/ready");
            String metricsAfter = users.get("/metrics").body();

            System.out.printf("late-file drill: A (old password removed, file stale, connections from before,"
                            + " load doubled, %.0f new connections refused): %d requests, %d failed;"
                            + " B (all connections dropped, file stale %d ms): %d requests, %d failed;"
                            + " C (file arrived): first success after %d ms, %d failed meanwhile;"
                            + " outage-guard refusals: %.0f%n", refusedInA, phaseARequests, phaseAFailures,
                    GRACE.toMillis() + 500, phaseBRequests, phaseBFailures, recovery.toMillis(), phaseCFailures,
                    guardRefusals(metricsAfter));

            assertEquals(0, phaseAFailures, "requests on the connections opened before the removal failed");
            assertTrue(phaseARequests >= 50, "traffic kept flowing in phase A: " + phaseARequests);
            assertTrue(refusedInA > 0, "the pool tried new connections in phase A, and Redis refused them");
            assertTrue(phaseBFailures > 0, "new connections cannot log in with the stale file");
            assertEquals(503, staleReady.statusCode());
            assertEquals("STALE", UsersHarness.json(staleReady).at("/checks/redis_credentials").asText(),
                    staleReady.body());
            assertTrue(sample(staleMetrics, "redis_credentials_stale_seconds") >= GRACE.toSeconds(), staleMetrics);
            assertTrue(sample(staleMetrics, "redis_credentials_rejected_total") > 0, staleMetrics);
            assertTrue(sample(metricsAfter, "redis_operation_duration_seconds_count\\{[^}]*status=\"ok\"[^}]*\\}") > 0,
                    "the metric the guard check reads is there: " + metricsAfter);
            assertEquals(0, guardRefusals(metricsAfter), "WRONGPASS tripped the outage guard");
            assertTrue(recovery.compareTo(GRACE) < 0, "recovered " + recovery.toMillis() + " ms after the file");
            assertEquals(200, readyAgain.statusCode(), readyAgain.body());
            assertEquals(0, sample(metricsAfter, "redis_credentials_stale_seconds"));
            List<String> logs = logCapture.lines();
            assertTrue(logs.stream().anyMatch(l -> l.startsWith("WARNING Redis refused the credentials")),
                    logs::toString);
            assertTrue(logs.stream().anyMatch(l -> l.startsWith("WARNING Redis credentials stale")), logs::toString);
            assertTrue(logs.stream().noneMatch(l -> l.contains("Redis unavailable")), logs::toString);
            assertTrue(logs.stream().noneMatch(l -> l.contains("password-")), "a password reached the log");
        }
    }

    @Test
    void newConnectionsRefusedAtOnceWaitForTheOpenOnesInsteadOfFailing() throws Exception {
        // Each round starts a service whose pool holds one connection, removes its password, and sends a burst of
        // concurrent requests: the extra ones open new connections together, and Redis refuses them all at about
        // the same time. Each caller must leave the pool capped before it tries again, or its retry can open
        // another connection that is refused too, and the request fails although the open one could serve it.
        List<String> failed = new CopyOnWriteArrayList<>();
        int rounds = 24;
        int callers = 24;
        for (int round = 0; round < rounds; round++) {
            redis.command("ACL", "SETUSER", USER, "resetpass", ">password-1");
            try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_CREDENTIALS_FILE",
                    credentials.toString(), "REDIS_CREDENTIALS_POLL_MS", "600000", "REDIS_POOL_SIZE", "16"));
                 ExecutorService threads = Executors.newFixedThreadPool(callers)) {
                HttpResponse<String> created = users.post("/users",
                        "{\"name\":\"A\",\"email\":\"a" + round + "@example.com\"}");
                assertEquals(201, created.statusCode(), created.body());
                String path = "/users/" + UsersHarness.json(created).get("id").asText();
                redis.command("ACL", "SETUSER", USER, ">password-2", "<password-1");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> answers = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    answers.add(threads.submit(() -> {
                        go.await();
                        HttpResponse<String> res = users.get(path);
                        if (res.statusCode() != 200) {
                            failed.add(res.statusCode() + " " + res.body());
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> answer : answers) {
                    answer.get();
                }
                assertTrue(sample(users.get("/metrics").body(), "redis_credentials_rejected_total") > 0,
                        "new connections were tried and refused");
            }
        }
        assertEquals(List.of(), failed, "requests failed although an open connection could serve them");
    }

    /** Operations the outage guard refused at once ({@code status="rejected"}), over every operation. */
    private static double guardRefusals(String metrics) {
        return sample(metrics, "redis_operation_duration_seconds_count\\{[^}]*status=\"rejected\"[^}]*\\}");
    }

    /** The sum of the series matching {@code series} (a regex) in Prometheus text, 0 when absent. */
    private static double sample(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
