package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.common.Json;
import com.usersplatform.testing.RedisServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation as AWS Secrets Manager does it: the ACL user gets a second password, the secret (mounted file) is
 * rewritten, the old password is removed. Clients keep calling throughout and must see no failure.
 */
class CredentialRotationTest {
    private static final String USER = "users-app";
    @TempDir
    Path dir;
    private RedisServer redis;
    private Path credentials;

    @BeforeEach
    void start() throws IOException {
        redis = RedisServer.start();
        credentials = createAppUser(redis, dir);
    }

    /**
     * The app user with the production access string (infra's AwsFoundation: only the service's keys, no dangerous
     * commands) and password-1, and its credentials file in {@code dir}; returns the file.
     */
    static Path createAppUser(RedisServer redis, Path dir) throws IOException {
        redis.command("ACL", "SETUSER", USER, "on", ">password-1", "~{users}:*", "-@all", "+@read", "+@write",
                "+@scripting", "+@connection", "-@dangerous");
        Path file = dir.resolve("redis-credentials.json");
        writeCredentials(file, "password-1");
        return file;
    }

    /** Replaces the credentials file atomically, as the kubelet swaps a secret volume's files. */
    static void writeCredentials(Path file, String password) throws IOException {
        Path temp = Files.writeString(file.resolveSibling("next.json"), Json.write(Map.of("username", USER,
                "password", password, "user_arn", "arn:aws:elasticache:eu-west-1:123456789012:user:users-app")));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void rotationWhileTrafficFlowsLosesNoRequest() throws Exception {
        rotateUnderTraffic(100, Duration.ofMillis(400)); // the service sees the new file on its next poll
    }

    @Test
    void wrongPassReloadsTheFileBeforeThePollNotices() throws Exception {
        rotateUnderTraffic(600_000, Duration.ZERO); // new connections meet WRONGPASS with the cached password
    }

    /**
     * Adds password-2, rewrites the file, waits {@code beforeRemoval}, removes password-1 and kills the service's
     * connections (so every connection from then on must authenticate with password-2), all while traffic flows.
     */
    private void rotateUnderTraffic(int pollMillis, Duration beforeRemoval) throws Exception {
        try (UsersHarness users = UsersHarness.start(redis, Map.of("REDIS_CREDENTIALS_FILE", credentials.toString(),
                "REDIS_CREDENTIALS_POLL_MS", Integer.toString(pollMillis)))) {
            try (Traffic traffic = Traffic.start(users)) {
                traffic.awaitRequests(50);
                redis.command("ACL", "SETUSER", USER, ">password-2");
                writeCredentials(credentials, "password-2");
                Thread.sleep(beforeRemoval.toMillis());
                redis.command("ACL", "SETUSER", USER, "<password-1");
                redis.command("CLIENT", "KILL", "USER", USER);
                traffic.awaitRequests(traffic.requests() + 100);
                traffic.assertNoFailures();
            }
            List<String> serviceConnections = serviceConnections();
            assertFalse(serviceConnections.isEmpty(), "service reconnected");
            assertTrue(serviceConnections.stream().allMatch(line -> line.contains(" user=" + USER + " ")),
                    "every service connection authenticated as " + USER + ": " + serviceConnections);
        }
    }

    /** CLIENT LIST lines of the service's connections (client name {@code users}). */
    private List<String> serviceConnections() {
        return redis.command("CLIENT", "LIST").lines().filter(line -> line.contains(" name=users ")).toList();
    }

    /** Four client threads creating and reading users until closed; records every non-2xx answer. */
    static final class Traffic implements AutoCloseable {
        private static final AtomicInteger INSTANCES = new AtomicInteger();
        private final UsersHarness users;
        private final int instance = INSTANCES.incrementAndGet();
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger successes = new AtomicInteger();
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();

        private Traffic(UsersHarness users) {
            this.users = users;
        }

        static Traffic start(UsersHarness users) {
            Traffic traffic = new Traffic(users);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                traffic.threads.submit(() -> traffic.loop(thread));
            }
            return traffic;
        }

        private void loop(int thread) {
            for (int i = 0; running.get(); i++) {
                try {
                    String email = "t" + instance + "-" + thread + "-" + i + "@example.com";
                    HttpResponse<String> created = users.post("/users",
                            Json.write(Map.of("name", "T", "email", email)));
                    check(created, 201);
                    if (created.statusCode() == 201) {
                        String id = UsersHarness.json(created).get("id").asText();
                        check(users.get("/users/" + id), 200);
                    }
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }

        private void check(HttpResponse<String> res, int expected) {
            requests.incrementAndGet();
            if (res.statusCode() != expected) {
                failures.add(res.statusCode() + " " + res.body());
            } else {
                successes.incrementAndGet();
            }
        }

        int requests() {
            return requests.get();
        }

        int successes() {
            return successes.get();
        }

        int failures() {
            return failures.size();
        }

        void awaitRequests(int count) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (requests.get() < count && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(requests.get() >= count, "traffic too slow: " + requests.get() + " < " + count);
        }

        void assertNoFailures() {
            List<String> failed = List.copyOf(failures);
            assertEquals(0, failed.size(), "failed requests out of " + requests.get() + ", first: "
                    + failed.subList(0, Math.min(3, failed.size())));
        }

        @Override
        public void close() {
            running.set(false);
            threads.close();
        }
    }
}
