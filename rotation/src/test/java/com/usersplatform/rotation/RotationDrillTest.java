package com.usersplatform.rotation;

import static com.usersplatform.rotation.RotationStep.CREATE_SECRET;
import static com.usersplatform.rotation.RotationStep.SET_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.testing.RedisServer;
import com.usersplatform.users.Main;
import com.usersplatform.users.UsersConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rotation drill: the function runs the four steps against the Secrets Manager fake (AWSPENDING, AWSCURRENT,
 * AWSPREVIOUS) and the ElastiCache fake with ModifyUser slower than one wait (scaled), retried as Secrets Manager
 * retries, while the real users service serves HTTP load from a credentials file that receives AWSCURRENT only after
 * a delivery delay (External Secrets and the kubelet). A second rotation right after the first is refused until the
 * minimum age passed. The service's connections are dropped after every change, so each password is really used.
 * Not one request may fail.
 */
class RotationDrillTest {

    private static final Duration DELIVERY_DELAY = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void twoRotationsUnderLoadFailNoRequest() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RotationFixture f = new RotationFixture(redis, Duration.ofMillis(1500), Duration.ofSeconds(1))) {
            Path file = dir.resolve("redis-credentials.json");
            deliver(f, file);
            try (Main.Running users = Main.start(UsersConfig.load(Map.of("SERVER_PORT", "0",
                    "REDIS_HOST", redis.host(), "REDIS_PORT", Integer.toString(redis.port()),
                    "REDIS_CREDENTIALS_FILE", file.toString(), "REDIS_CREDENTIALS_POLL_MS", "100",
                    "SERVICE_VERSION", "drill")));
                 Load load = new Load(users.server().port())) {
                load.await(100);

                String first = f.rotateRetrying(6);
                dropConnections(redis, load);

                // Back to back, before the new password reached the pod: the service still logs in with the seed
                // password (now AWSPREVIOUS); setSecret must refuse to drop it.
                String second = f.secrets.startRotation();
                f.step(second, CREATE_SECRET);
                String refusal = null;
                try {
                    f.step(second, SET_SECRET);
                } catch (RotationException e) {
                    refusal = e.getMessage();
                }
                awaitActive(f);
                dropConnections(redis, load);
                Thread.sleep(DELIVERY_DELAY.toMillis());
                deliver(f, file);
                dropConnections(redis, load);
                int failedBeforeSecondRotation = load.failures.size();

                f.passMinimumAge();
                for (RotationStep step : List.of(RotationStep.SET_SECRET, RotationStep.TEST_SECRET,
                        RotationStep.FINISH_SECRET)) {
                    retried(f, second, step);
                    dropConnections(redis, load);
                }
                Thread.sleep(DELIVERY_DELAY.toMillis());
                deliver(f, file);
                dropConnections(redis, load);
                load.close();

                System.out.printf("rotation drill: %d requests through two rotations (ModifyUser 1.5 s, wait 1 s,"
                                + " delivery %d ms), %d failed; ModifyUser calls %d, failed step attempts %d%n",
                        load.requests.get(), DELIVERY_DELAY.toMillis(), load.failures.size(),
                        f.users.modifications(), f.failedAttempts);
                assertEquals(0, failedBeforeSecondRotation, () -> "the back-to-back rotation stranded the service: "
                        + List.copyOf(load.failures).subList(0, Math.min(3, load.failures.size())));
                assertEquals(List.of(), List.copyOf(load.failures));
                assertTrue(refusal != null && refusal.contains("MIN_PASSWORD_AGE_SECONDS"), String.valueOf(refusal));
                assertEquals(2, f.users.modifications(), "one ModifyUser per rotation");
                assertEquals(first, f.secrets.describe(FakeSecretStore.SECRET_ID).versionWith(SecretStore.PREVIOUS)
                        .orElseThrow());
            }
        }
    }

    /** Waits until whatever ModifyUser is in flight has been applied. */
    private static void awaitActive(RotationFixture f) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!CacheUsers.ACTIVE.equals(f.users.status(RotationFixture.USER_ID)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** A step invoked again after a failure, as Secrets Manager does. */
    private static void retried(RotationFixture f, String token, RotationStep step) {
        for (int attempt = 1; ; attempt++) {
            try {
                f.step(token, step);
                return;
            } catch (RotationException e) {
                f.failedAttempts++;
                if (attempt == 6) {
                    throw e;
                }
            }
        }
    }

    /** What External Secrets and the kubelet do, late: the file gets the AWSCURRENT value (atomic swap). */
    private static void deliver(RotationFixture f, Path file) throws IOException {
        Path temp = Files.writeString(file.resolveSibling("next.json"), f.secrets.valueOf(SecretStore.CURRENT));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Drops the service's connections (failover, scale-out), so the next ones log in with the file's password. */
    private static void dropConnections(RedisServer redis, Load load) throws InterruptedException {
        redis.command("CLIENT", "KILL", "USER", RotationFixture.USER_NAME);
        load.await(50);
    }

    /** Four threads creating and reading users over HTTP; records every unexpected answer. */
    private static final class Load implements AutoCloseable {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger requests = new AtomicInteger();
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final int port;

        Load(int port) {
            this.port = port;
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.submit(() -> loop(thread));
            }
        }

        private void loop(int thread) {
            for (int i = 0; running.get(); i++) {
                String body = "{\"name\":\"D\",\"email\":\"d" + thread + "-" + i + "@example.com\"}";
                HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
                if (created != null) {
                    String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                    send(HttpRequest.newBuilder(uri("/users/" + id)).GET(), 200);
                }
            }
        }

        private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
            requests.incrementAndGet();
            try {
                HttpResponse<String> res = client.send(request.timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == expected) {
                    return res;
                }
                failures.add(res.statusCode() + " " + res.body());
            } catch (IOException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void await(int more) throws InterruptedException {
            int target = requests.get() + more;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (requests.get() < target && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(requests.get() >= target, "load too slow");
        }

        @Override
        public void close() {
            running.set(false);
            threads.close();
        }
    }
}
