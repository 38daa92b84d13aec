package com.usersplatform.common;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;

/**
 * The response headers every answer of both services carries, built once: creating a header name and value per
 * request cost a lookup and two objects per header on each request.
 */
public final class SecurityHeaders {
    /** The headers that state a browser security policy. */
    private static final List<Header> POLICY = List.of(
            HeaderValues.createCached("X-Content-Type-Options", "nosniff"),
            HeaderValues.createCached("X-Frame-Options", "DENY"),
            HeaderValues.createCached("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
            HeaderValues.createCached("Referrer-Policy", "no-referrer"),
            HeaderValues.createCached("Strict-Transport-Security", "max-age=31536000; includeSubDomains"));

    /**
     * Every header, in the order they are set: the policy, then {@code Cache-Control}, which describes the resource
     * and so stays the resource owner's to replace.
     */
    public static final List<Header> ALL = Stream.concat(POLICY.stream(),
            Stream.of(HeaderValues.createCached("Cache-Control", "no-store"))).toList();

    private static final Set<String> POLICY_NAMES = POLICY.stream()
            .map(header -> header.headerName().lowerCase())
            .collect(Collectors.toUnmodifiableSet());

    private SecurityHeaders() {
    }

    /** Whether {@code name} is one of the browser security policy headers (not {@code Cache-Control}). */
    public static boolean isPolicy(HeaderName name) {
        return POLICY_NAMES.contains(name.lowerCase());
    }
}
