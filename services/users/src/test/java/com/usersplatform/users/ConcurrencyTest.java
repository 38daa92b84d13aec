package com.usersplatform.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.usersplatform.common.Json;
import com.usersplatform.testing.RedisServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Email uniqueness under 50 truly parallel requests (they are released together by a latch). */
class ConcurrencyTest {
    private static final int PARALLEL = 50;
    private static RedisServer redis;
    private static UsersHarness users;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        users = UsersHarness.start(redis, Map.of("REDIS_POOL_SIZE", "16"));
    }

    @AfterAll
    static void stop() {
        users.close();
        redis.close();
    }

    @Test
    void parallelCreatesWithTheSameEmailInMixedCaseHaveExactlyOneWinner() throws Exception {
        Map<Integer, Long> statuses = race(i -> users.post("/users",
                Json.write(Map.of("name", "Racer " + i, "email", mixedCase("race.create@example.com", i)))));
        assertEquals(Map.of(201, 1L, 409, (long) PARALLEL - 1), statuses);
        long holders = users.get("/users?limit=1000").body().split("race.create@example.com", -1).length - 1;
        assertEquals(1, holders, "exactly one stored user has the address");
    }

    @Test
    void parallelUpdatesToTheSameEmailHaveExactlyOneWinner() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            ids.add(users.createUser("Updater " + i, "updater" + i + "@example.com"));
        }
        Map<Integer, Long> statuses = race(i -> users.put("/users/" + ids.get(i),
                Json.write(Map.of("email", mixedCase("race.update@example.com", i)))));
        assertEquals(Map.of(200, 1L, 409, (long) PARALLEL - 1), statuses);
        long holders = ids.stream()
                .filter(id -> users.get("/users/" + id).body().contains("race.update@example.com")).count();
        assertEquals(1, holders);
    }

    /** Runs {@code request(i)} for i in 0..49 all at once; returns how many got each status. */
    private static Map<Integer, Long> race(IntFunction<HttpResponse<String>> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            for (int i = 0; i < PARALLEL; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return request.apply(index).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        }
    }

    /** A different capitalisation of {@code email} for each i. */
    private static String mixedCase(String email, int i) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < email.length(); c++) {
            char ch = email.charAt(c);
            out.append(((i >> (c % 6)) & 1) == 1 ? Character.toUpperCase(ch) : ch);
        }
        return i == 0 ? email.toUpperCase(Locale.ROOT) : out.toString();
    }
}
