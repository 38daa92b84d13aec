package com.usersplatform.common;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * {@code X-Request-ID}: a client's value is kept when it is 1-128 safe characters
 * ({@code A-Z a-z 0-9 . _ ~ : + = @ / -}), otherwise a time-ordered UUID is generated. The id of the request being
 * handled is bound to the handling thread, so every log line of that request carries it.
 */
public final class RequestIds {
    /** The header name. */
    public static final HeaderName HEADER = HeaderNames.create("X-Request-ID");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~:+=@/-]{1,128}");
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
        return candidate != null && SAFE.matcher(candidate).matches();
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
