package com.usersplatform.gateway.protection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The accepted API keys, held only as SHA-256 hashes read from a file (one lowercase hex hash per line, blank lines
 * and {@code #} comments ignored). The file is a mounted secret that rotates, so it is re-read when its content
 * changes, checked at most once per {@code recheck} interval. A file that cannot be read or parsed keeps the last
 * good set of keys (an empty set if there never was one): a bad rotation must not lock every client out. A file
 * without any hash is valid: the gateway then refuses every API request and says so in its log.
 */
public final class ApiKeys {
    private static final System.Logger LOG = System.getLogger(ApiKeys.class.getName());
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /**
     * Never updated, only cloned: {@code MessageDigest.getInstance} searches the security providers on each call
     * (1.6 % of the gateway's profile samples, once per API request), a clone copies the initial state.
     */
    private static final MessageDigest SHA256 = newSha256();

    private final Path file;
    private final Duration recheck;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(null, List.of(), Instant.MIN);

    /**
     * @param file    the key-hash file
     * @param recheck how often at most the file is looked at again
     * @param clock   time source (tests)
     */
    public ApiKeys(Path file, Duration recheck, Clock clock) {
        this.file = file;
        this.recheck = recheck;
        this.clock = clock;
        refresh();
    }

    /**
     * Returns the identity of the client that presented {@code key}: a short, non-reversible label (the first 12
     * hex characters of the key's hash) usable as a rate-limit key and in logs, or empty when the key is unknown.
     * Compares against every hash in constant time, so timing does not tell how close a guess was.
     */
    public Optional<String> identify(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(key.getBytes(StandardCharsets.UTF_8));
        boolean matched = false;
        for (byte[] accepted : current()) {
            matched |= MessageDigest.isEqual(presented, accepted);
        }
        return matched ? Optional.of(HexFormat.of().formatHex(presented, 0, 6)) : Optional.empty();
    }

    /** How many key hashes are currently accepted. */
    public int size() {
        return current().size();
    }

    private List<byte[]> current() {
        if (Duration.between(snapshot.checkedAt(), clock.instant()).compareTo(recheck) >= 0) {
            refresh();
        }
        return snapshot.hashes();
    }

    private synchronized void refresh() {
        Snapshot previous = snapshot;
        Instant now = clock.instant();
        if (Duration.between(previous.checkedAt(), now).compareTo(recheck) < 0) {
            return;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "API key file unreadable, keeping " + previous.hashes().size()
                    + " known key(s): " + e.getClass().getSimpleName());
            snapshot = new Snapshot(previous.content(), previous.hashes(), now);
            return;
        }
        if (previous.content() != null && MessageDigest.isEqual(previous.content(), content)) {
            snapshot = new Snapshot(previous.content(), previous.hashes(), now);
            return;
        }
        snapshot = new Snapshot(content, parse(new String(content, StandardCharsets.UTF_8)), now);
        if (snapshot.hashes().isEmpty()) {
            // A first deploy seeds the secret with a placeholder until an operator puts a hash there.
            LOG.log(System.Logger.Level.WARNING, "API key file loaded: no key hash in it, so every /api request is"
                    + " refused with 401 until a lowercase hex SHA-256 of a key is put in the API-key secret");
        } else {
            LOG.log(System.Logger.Level.INFO, "API key file loaded: " + snapshot.hashes().size() + " key(s)");
        }
    }

    private static List<byte[]> parse(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(line -> {
                    boolean valid = SHA256_HEX.matcher(line).matches();
                    if (!valid) {
                        LOG.log(System.Logger.Level.WARNING,
                                "API key file: ignoring a line that is not a lowercase hex SHA-256");
                    }
                    return valid;
                })
                .map(HexFormat.of()::parseHex)
                .toList();
    }

    /** SHA-256 of {@code bytes}. */
    static byte[] sha256(byte[] bytes) {
        try {
            return ((MessageDigest) SHA256.clone()).digest(bytes);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Snapshot(byte[] content, List<byte[]> hashes, Instant checkedAt) {
    }
}
