package com.usersplatform.users.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file is read at start (an unusable one fails start-up), polled, and a bad update keeps the last good
 * credentials; a refusal makes the credentials stale and re-reads the file with backoff, without waiting for the poll.
 */
class CredentialsFileTest {
    @TempDir
    Path dir;
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.of(CredentialsFile.class.getName());
    }

    @AfterEach
    void stopCapture() {
        logs.close();
    }

    @Test
    void refusesToStartWithoutUsableCredentials() throws Exception {
        Path missing = dir.resolve("absent.json");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CredentialsFile.watch(missing, Duration.ofHours(1)));
        assertEquals("Cannot read Redis credentials from " + missing, e.getMessage());

        for (String text : List.of("{\"username\":\"users-app\"}", "{\"username\":\"\",\"password\":\"p\"}",
                "not json")) {
            Path bad = Files.writeString(dir.resolve("bad.json"), text);
            assertThrows(IllegalStateException.class, () -> CredentialsFile.watch(bad, Duration.ofHours(1)), text);
        }
        assertTrue(logs.count("WARNING Invalid Redis credentials file") > 0, logs.lines()::toString);
        assertTrue(logs.lines().stream().noneMatch(l -> l.contains("\"p\"")), "file content never reaches the log");
    }

    @Test
    void thePollPicksUpANewFileAndAnUnchangedOneKeepsTheCredentialsStale() throws Exception {
        try (CredentialsFile file = CredentialsFile.watch(write("password-1"), Duration.ofMillis(50))) {
            assertEquals("users-app", file.get().getUser());
            file.rejected();
            Thread.sleep(300); // several polls of the unchanged file
            assertTrue(file.staleFor().toMillis() >= 300, "re-reading the same file ended the stale period");

            write("password-2");
            awaitPassword(file, "password-2", Duration.ofSeconds(5));
            assertEquals(Duration.ZERO, file.staleFor(), "new credentials are not known to be refused");
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("password-")), "a password reached the log");
        }
    }

    @Test
    void aBadUpdateKeepsTheLastGoodCredentials() throws Exception {
        Path path = write("password-1");
        try (CredentialsFile file = CredentialsFile.watch(path, Duration.ofHours(1))) {
            Files.writeString(path, "{\"username\":\"users-app\",\"password\":\"\"}");
            assertTrue(file.reload(), "the current credentials stay usable");
            assertEquals("password-1", new String(file.get().getPassword()));
            assertTrue(logs.count("WARNING Invalid Redis credentials file") > 0,
                    logs.lines()::toString);

            Files.delete(path);
            assertTrue(file.reload());
            assertEquals("password-1", new String(file.get().getPassword()));
            assertTrue(logs.lines().contains(
                    "WARNING Cannot read the Redis credentials file; keeping the current credentials:"
                            + " NoSuchFileException"), logs.lines()::toString);
        }
    }

    @Test
    void rereadsAfterARefusalBackOffAndStopWhenAConnectionAuthenticates() throws Exception {
        Path path = write("password-1");
        try (CredentialsFile file = CredentialsFile.watch(path, Duration.ofHours(1))) {
            Files.delete(path); // every re-read now logs one "Cannot read" line, which counts the re-reads
            file.rejected();
            Thread.sleep(1600);
            // Re-reads at 100, 300, 700 and 1500 ms (each delay twice the one before).
            long rereads = cannotRead();
            assertTrue(rereads >= 3 && rereads <= 5, "re-reads in 1.6 s: " + rereads);

            file.accepted();
            Thread.sleep(1700); // longer than the next delay (1600 ms): at most that one was already scheduled
            assertTrue(cannotRead() <= rereads + 1, "re-reads go on after a connection authenticated: "
                    + cannotRead());
        }
    }

    @Test
    void aClosedFileIsNoLongerPolled() throws Exception {
        CredentialsFile file = CredentialsFile.watch(write("password-1"), Duration.ofMillis(50));
        file.close();
        write("password-2");
        Thread.sleep(300);
        assertEquals("password-1", new String(file.get().getPassword()));
    }

    private long cannotRead() {
        return logs.count("WARNING Cannot read the Redis credentials file");
    }

    private static void awaitPassword(CredentialsFile file, String password, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!password.equals(new String(file.get().getPassword())) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(password, new String(file.get().getPassword()));
    }

    @Test
    void aRefusalRereadsTheFileWithBackoffUntilItChanges() throws Exception {
        Path path = write("password-1");
        try (CredentialsFile file = CredentialsFile.watch(path, Duration.ofHours(1))) {
            assertEquals(Duration.ZERO, file.staleFor());
            assertTrue(file.rejected(), "the first refusal starts a stale period");
            assertFalse(file.rejected(), "later refusals belong to the same period");
            Thread.sleep(300);
            assertTrue(file.staleFor().toMillis() >= 300);
            assertTrue(file.staleFor().toSeconds() < 60, "measured from the refusal: " + file.staleFor());
            assertEquals("password-1", new String(file.get().getPassword()));

            write("password-2");
            awaitPassword(file, "password-2", Duration.ofMillis(CredentialsFile.MAX_REREAD_MS + 1000));
            assertEquals(Duration.ZERO, file.staleFor(), "new credentials are not known to be refused");
        }
    }

    @Test
    void aRefusalOfCredentialsTheFileHasReplacedStartsNoStalePeriod() throws Exception {
        try (CredentialsFile file = CredentialsFile.watch(write("password-1"), Duration.ofHours(1))) {
            assertEquals("password-1", new String(file.get().getPassword()), "a connection logs in with these");
            write("password-2");
            assertTrue(file.reload());
            assertFalse(file.rejected(), "the refusal was of password-1, which the file no longer holds");
            assertEquals(Duration.ZERO, file.staleFor());

            assertEquals("password-2", new String(file.get().getPassword()));
            assertTrue(file.rejected(), "a refusal of the current credentials starts a stale period");
        }
    }

    @Test
    void aConnectionThatAuthenticatesEndsTheStalePeriod() throws Exception {
        try (CredentialsFile file = CredentialsFile.watch(write("password-1"), Duration.ofHours(1))) {
            assertFalse(file.accepted(), "nothing to end");
            file.rejected();
            assertTrue(file.accepted());
            assertEquals(Duration.ZERO, file.staleFor());
        }
    }

    private Path write(String password) throws IOException {
        Path path = dir.resolve("credentials.json");
        Path temp = Files.writeString(dir.resolve("next.json"),
                "{\"username\":\"users-app\",\"password\":\"" + password + "\"}");
        return Files.move(temp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
