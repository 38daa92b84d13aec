package com.usersplatform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Command-line entry for scripts ({@code bin/local}) on machines without Redis: copies the redis-server that the
 * tests would run ({@link RedisBinary#resolve()}: PATH, else the bundled static binary) into a directory that
 * outlives this JVM, and prints its path.
 *
 * <p>Usage: {@code java -cp <test-support classpath> com.usersplatform.testing.RedisBinaryExport DIR}
 */
public final class RedisBinaryExport {
    private RedisBinaryExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RedisBinaryExport DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path target = dir.resolve("redis-server");
        Path partial = dir.resolve("redis-server.partial");
        Files.copy(RedisBinary.resolve(), partial, StandardCopyOption.REPLACE_EXISTING);
        if (!partial.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + partial + " executable");
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(target);
    }
}
