package com.usersplatform.users.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refusal makes the credentials stale and re-reads the file with backoff, without waiting for the poll. */
class CredentialsFileTest {

    @TempDir
    Path dir;

    @Test
    void aRefusalRereadsTheFileWithBackoffUntilItChanges() throws Exception {
        Path path = write("password-1");
        try (CredentialsFile file = CredentialsFile.watch(path, Duration.ofHours(1))) {
            assertEquals(Duration.ZERO, file.staleFor());
            assertTrue(file.rejected(), "the first refusal starts a stale period");
            assertFalse(file.rejected(), "later refusals belong to the same period");
            Thread.sleep(300);
            assertTrue(file.staleFor().toMillis() >= 300);
            assertEquals("password-1", new String(file.get().getPassword()));

            write("password-2");
            long deadline = System.nanoTime() + Duration.ofMillis(CredentialsFile.MAX_REREAD_MS + 1000).toNanos();
            while (!"password-2".equals(new String(file.get().getPassword())) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("password-2", new String(file.get().getPassword()), "re-read long before the hourly poll");
            assertEquals(Duration.ZERO, file.staleFor(), "new credentials are not known to be refused");
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
