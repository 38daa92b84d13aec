package com.usersplatform.common;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code X-Request-ID}: a client's value is kept when it is 1-128 safe characters
 * ({@code A-Z a-z 0-9 . _ ~ : + = @ / -}), otherwise a time-ordered UUID is generated. The id of the request being
 * handled is bound to the handling thread, so every log line of that request carries it.
 */
public final class RequestIds {
    /** The header name. */
    public static final HeaderName HEADER = HeaderNames.create("X-Request-ID");
    /** Longest id kept. */
    static final int MAX_LENGTH = 128;
    /**
     * The characters an id may have, as a table indexed by character: checked on every request that carries an id
     * (every request users gets from the gateway). The regular expression it replaces took ~500 ns per 36-character
     * id against ~25 ns, and was in 3-4 % of users' CPU samples under load (docs/performance.md, "The read timeout
     * without a timed wait").
     */
    private static final boolean[] SAFE = new boolean[128];

    static {
        String safe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~:+=@/-";
        for (int i = 0; i < safe.length(); i++) {
            SAFE[safe.charAt(i)] = true;
        }
    }
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** The client's id when safe, else a new one. */
    public static String acceptOrGenerate(String candidate) {
        return isSafe(candidate) ? candidate : generate(System.currentTimeMillis(), ThreadLocalRandom.current());
    }

    /**
     * A UUID version 7 (<a href="https://www.rfc-editor.org/rfc/rfc9562#section-5.7">RFC 9562 §5.7</a>): 48 bits
     * of {@code epochMillis}, the version, 12 random bits, the variant, 62 random bits. Ids therefore sort by the time
     * they were made, in logs too, and the 74 random bits need only tell apart the ids of one millisecond.
     *
     * <p>Why not {@link UUID#randomUUID()}: a request id names a request in logs and headers; it is not a secret and
     * grants nothing, so it needs uniqueness, not unpredictability. {@code randomUUID} draws from
     * {@code SecureRandom}, where every thread queues on one monitor ({@code sun.security.provider.SecureRandom
     * .engineNextBytes} is {@code synchronized}), and {@code NativePRNG} refills its buffer from {@code /dev/urandom}
     * inside another {@code synchronized} block (when it runs dry, and at least every 100 ms). On JDK 21 (the services
     * run on any 21+; the images on 25) a virtual thread waiting for or holding a monitor pins its carrier
     * (<a href="https://openjdk.org/jeps/444">JEP 444</a>; lifted only in JDK 24 by
     * <a href="https://openjdk.org/jeps/491">JEP 491</a>), so under load the request threads of a pod with two
     * carriers queue for one lock while holding them. {@link ThreadLocalRandom} has neither lock nor system call.
     */
    static String generate(long epochMillis, RandomGenerator random) {
        long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long low = (random.nextLong() >>> 2) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** Whether {@code candidate} may be used as a request id as is. */
    public static boolean isSafe(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= SAFE.length || !SAFE[c]) {
                return false;
            }
        }
        return true;
    }

    /** The id of the request handled by the current thread, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void bind(String requestId) {
        CURRENT.set(requestId);
    }

    static void unbind() {
        CURRENT.remove();
    }
}
