package com.usersplatform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinaryExportTest {

    /** bin/local's path on a machine without Redis: the bundled binary, copied out, runs after the JVM is gone. */
    @Test
    void exportsTheBundledRedisServerWhenNoneIsConfigured(@TempDir Path dir) throws Exception {
        String previous = System.getProperty(RedisBinary.PROPERTY);
        System.setProperty(RedisBinary.PROPERTY, "no-such-redis-server-on-path");
        try {
            RedisBinaryExport.main(new String[] {dir.toString()});
        } finally {
            if (previous == null) {
                System.clearProperty(RedisBinary.PROPERTY);
            } else {
                System.setProperty(RedisBinary.PROPERTY, previous);
            }
        }
        Path binary = dir.resolve("redis-server");
        assertTrue(Files.isExecutable(binary), "not executable: " + binary);
        Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertTrue(output.startsWith("Redis server v="), output);
    }
}
