package com.usersplatform.common;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code X-Request-ID}: a client's value is kept when it is 1-128 safe characters
 * ({@code A-Z a-z 0-9 . _ ~ : + = @ / -}), otherwise a UUID is generated. The id of the request being handled is
 * bound to the handling thread, so every log line of that request carries it.
 */
public final class RequestIds {
    /** The header name. */
    public static final HeaderName HEADER = HeaderNames.create("X-Request-ID");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~:+=@/-]{1,128}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** The client's id when safe, else a new random one. */
    public static String acceptOrGenerate(String candidate) {
        return isSafe(candidate) ? candidate : UUID.randomUUID().toString();
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
