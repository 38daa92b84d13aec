package com.usersplatform.gateway.protection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.usersplatform.gateway.testing.LogCapture;
import com.usersplatform.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {
    @TempDir
    Path dir;

    private ApiKeys keysFile(String content, Duration recheck, Clock clock) throws java.io.IOException {
        Files.writeString(dir.resolve("keys"), content);
        return new ApiKeys(dir.resolve("keys"), recheck, clock);
    }

    static String hash(String key) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsOnlyKeysWhoseHashIsListedIgnoringCommentsBlankAndMalformedLines() throws Exception {
        ApiKeys keys = keysFile("# team A\n\n" + hash("alpha") + "\n  " + hash("beta") + "  \nnot-a-hash\n"
                + hash("gamma").toUpperCase() + "\n", Duration.ofSeconds(1), new ManualClock());
        assertEquals(2, keys.size());
        assertTrue(keys.identify("alpha").isPresent());
        assertTrue(keys.identify("beta").isPresent());
        assertFalse(keys.identify("gamma").isPresent(), "uppercase hex is not the documented format");
        assertFalse(keys.identify("alpha ").isPresent());
        assertFalse(keys.identify("").isPresent());
        assertFalse(keys.identify(null).isPresent());
        assertFalse(keys.identify(hash("alpha")).isPresent(), "the hash itself is not a key");
        assertEquals(hash("alpha").substring(0, 12), keys.identify("alpha").orElseThrow());
    }

    @Test
    void hashesAreSha256AlsoWhenManyRequestsHashAtOnce() throws Exception {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash("abc"));
        ApiKeys keys = keysFile(hash("alpha") + "\n" + hash("beta") + "\n", Duration.ofSeconds(1), new ManualClock());
        String alpha = hash("alpha").substring(0, 12);
        String beta = hash("beta").substring(0, 12);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            boolean even = t % 2 == 0;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (!keys.identify(even ? "alpha" : "beta").orElse("").equals(even ? alpha : beta)) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, wrong.get(), "each request hashes with a digest of its own");
    }

    @Test
    void rereadsTheFileWhenItChangesButNotBeforeTheRecheckInterval() throws Exception {
        ManualClock clock = new ManualClock();
        ApiKeys keys = keysFile(hash("old") + "\n", Duration.ofSeconds(1), clock);
        assertTrue(keys.identify("old").isPresent());

        Files.writeString(dir.resolve("keys"), hash("new") + "\n");
        assertTrue(keys.identify("old").isPresent(), "not re-read within the interval");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(keys.identify("new").isPresent());
        assertFalse(keys.identify("old").isPresent());
    }

    @Test
    void keepsTheLastGoodKeysWhileTheFileIsMissing() throws Exception {
        ManualClock clock = new ManualClock();
        ApiKeys keys = keysFile(hash("k") + "\n", Duration.ofMillis(10), clock);
        Files.delete(dir.resolve("keys"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(keys.identify("k").isPresent());
    }

    @Test
    void missingFileAtStartAcceptsNoKey() {
        ApiKeys keys = new ApiKeys(dir.resolve("absent"), Duration.ofSeconds(1), new ManualClock());
        assertEquals(0, keys.size());
        assertFalse(keys.identify("anything").isPresent());
    }

    @Test
    void rereadsExactlyWhenTheRecheckIntervalHasPassed() throws Exception {
        ManualClock clock = new ManualClock();
        ApiKeys keys = keysFile(hash("old") + "\n", Duration.ofSeconds(1), clock);
        Files.writeString(dir.resolve("keys"), hash("new") + "\n");
        clock.advance(Duration.ofMillis(999));
        assertFalse(keys.identify("new").isPresent(), "999 ms < 1 s recheck");
        clock.advance(Duration.ofMillis(1));
        assertTrue(keys.identify("new").isPresent());
    }

    @Test
    void logsLoadsAndProblemsWithoutEverEchoingTheFileContent() throws Exception {
        LogCapture logs = LogCapture.install();
        ManualClock clock = new ManualClock();
        String marker = "k" + System.nanoTime();
        ApiKeys keys = keysFile("# rotated by ops\n\n" + marker + "-not-a-hash\n" + hash("a") + "\n" + hash("b") + "\n",
                Duration.ofMillis(10), clock);
        assertEquals(2, keys.size());
        assertEquals(1, logs.linesContaining("API key file loaded: 2 key(s)").size());
        assertEquals(1, logs.linesContaining("ignoring a line that is not a lowercase hex SHA-256").size(),
                "comments and blank lines are skipped silently");
        assertEquals(List.of(), logs.linesContaining(marker));

        // Same content again: nothing reloaded, nothing logged.
        Files.writeString(dir.resolve("keys"), Files.readString(dir.resolve("keys")));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, keys.size());
        assertEquals(1, logs.linesContaining("API key file loaded").size());

        Files.delete(dir.resolve("keys"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, keys.size());
        assertEquals(1, logs.linesContaining(
                "API key file unreadable, keeping 2 known key(s): NoSuchFileException").size());
    }
}
