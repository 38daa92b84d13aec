package com.usersplatform.common;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;

/**
 * The response headers every answer of both services carries, built once: creating a header name and value per
 * request cost a lookup and two objects per header on each request.
 */
public final class SecurityHeaders {
    /** Every header, in the order they are set. */
    public static final List<Header> ALL = List.of(
            HeaderValues.createCached("X-Content-Type-Options", "nosniff"),
            HeaderValues.createCached("X-Frame-Options", "DENY"),
            HeaderValues.createCached("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
            HeaderValues.createCached("Referrer-Policy", "no-referrer"),
            HeaderValues.createCached("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
            HeaderValues.createCached("Cache-Control", "no-store"));

    /**
     * Lower-case names of the headers that state a browser security policy: everything above but
     * {@code Cache-Control}, which describes the resource and so stays the resource owner's to set.
     */
    private static final Set<String> POLICY = ALL.stream()
            .map(header -> header.headerName().lowerCase())
            .filter(name -> !name.equals("cache-control"))
            .collect(Collectors.toUnmodifiableSet());

    private SecurityHeaders() {
    }

    /** Whether {@code name} is one of the browser security policy headers (not {@code Cache-Control}). */
    public static boolean isPolicy(HeaderName name) {
        return POLICY.contains(name.lowerCase());
    }
}
