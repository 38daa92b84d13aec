package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    /** A generator that always answers the same bits, so each bit of an id can be traced to its source. */
    private static RandomGenerator constant(long bits) {
        return () -> bits;
    }

    @Test
    void generatedIdsAreVersion7WithTheTimeFirstAndTheRestFromTheGenerator() {
        long millis = Instant.parse("2026-12-02T18:00:00.123Z").toEpochMilli(); // 0x01a237e9d17b

        assertEquals("01a237e9-d17b-7000-8000-000000000000", RequestIds.generate(millis, constant(0)));
        assertEquals("01a237e9-d17b-7fff-bfff-ffffffffffff", RequestIds.generate(millis, constant(-1)));

        UUID id = UUID.fromString(RequestIds.generate(millis, RandomGenerator.of("L64X128MixRandom")));
        assertEquals(7, id.version());
        assertEquals(2, id.variant()); // RFC 9562's variant 10xx
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void idsSortByTheMillisecondTheyWereMadeIn() {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        long millis = System.currentTimeMillis();
        String earlier = RequestIds.generate(millis, constant(-1));
        String later = RequestIds.generate(millis + 1, constant(0));
        assertTrue(earlier.compareTo(later) < 0, earlier + " " + later);
        assertTrue(RequestIds.generate(millis, random).compareTo(RequestIds.generate(millis + 1000, random)) < 0);
    }

    @Test
    void idsMadeInTheSameMillisecondOnManyThreadsAreDistinct() throws Exception {
        long millis = System.currentTimeMillis();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        seen.add(RequestIds.generate(millis, ThreadLocalRandom.current()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(200_000, seen.size());
    }

    @Test
    void anIdIsSafeExactlyWhenItIsOneTo128OfTheDocumentedCharacters() {
        String documented = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~:+=@/-";
        for (char c = 0; c < 0x3000; c++) {
            assertEquals(documented.indexOf(c) >= 0, RequestIds.isSafe(String.valueOf(c)), "character " + (int) c);
            assertEquals(documented.indexOf(c) >= 0, RequestIds.isSafe("ok" + c + "ok"), "inside, " + (int) c);
        }
        String longest = (documented + documented).substring(0, 128);
        assertTrue(RequestIds.isSafe(longest));
        assertFalse(RequestIds.isSafe(longest + "a"), "129 characters");
        assertFalse(RequestIds.isSafe(""));
        assertFalse(RequestIds.isSafe(null));
    }

    @Test
    void keepsSafeIdsAndReplacesOthersWithANewVersion7Id() {
        assertEquals("abc-123_X.y:z", RequestIds.acceptOrGenerate("abc-123_X.y:z"));
        long before = System.currentTimeMillis();
        for (String bad : new String[] {null, "", "has space", "x".repeat(129)}) {
            UUID id = UUID.fromString(RequestIds.acceptOrGenerate(bad));
            assertEquals(7, id.version());
            long made = id.getMostSignificantBits() >>> 16;
            assertTrue(made >= before && made <= System.currentTimeMillis(), bad);
        }
        assertNotEquals(RequestIds.acceptOrGenerate(null), RequestIds.acceptOrGenerate(null));
    }
}
