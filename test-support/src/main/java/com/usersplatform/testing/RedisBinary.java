package com.usersplatform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the redis-server executable: the one named by system property {@value #PROPERTY} (or env
 * {@value #ENV}; default {@code redis-server}) on {@code PATH} or as a path, else the static binary shipped in
 * {@code org.signal:embedded-redis}, extracted once per JVM.
 */
final class RedisBinary {
    static final String PROPERTY = "testing.redis.binary";
    static final String ENV = "TESTING_REDIS_BINARY";
    private static final String BUNDLED_VERSION = "7.0.15";
    private static Path bundled;

    private RedisBinary() {
    }

    /** The executable to run: the configured one if found, else the bundled one. */
    static Path resolve() {
        String name = System.getProperty(PROPERTY, Optional.ofNullable(System.getenv(ENV)).orElse("redis-server"));
        return find(name).orElseGet(RedisBinary::bundled);
    }

    /** {@code name} as a path (if it contains a separator) or looked up on {@code PATH}. */
    static Optional<Path> find(String name) {
        if (name.contains("/")) {
            Path path = Path.of(name);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVar = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : pathVar.split(Pattern.quote(java.io.File.pathSeparator))) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** The binary shipped with embedded-redis for this OS and architecture, extracted to a temp file. */
    static synchronized Path bundled() {
        if (bundled != null) {
            return bundled;
        }
        String resource = "/redis-server-" + BUNDLED_VERSION + "-" + os() + "-" + arch();
        try (InputStream in = RedisBinary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No redis-server on PATH and none bundled for " + resource
                        + "; install redis-server");
            }
            Path dir = Files.createTempDirectory("redis-bin");
            Path target = dir.resolve("redis-server");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setExecutable(true)) {
                throw new IllegalStateException("Cannot make " + target + " executable");
            }
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            bundled = target;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract bundled redis-server", e);
        }
    }

    private static String os() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "darwin" : "linux";
    }

    private static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> "amd64";
        };
    }
}
