package com.usersplatform.common;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps every request: accepts or generates its {@code X-Request-ID} (echoed on the response and bound to the
 * thread for logs), sets the standard security headers, and after the handler records the request metrics by route
 * template and writes one JSON access log line. Probe and scrape requests are logged at FINE only.
 */
final class RequestFilter implements Filter {
    /** Route label for requests no route matched (keeps label cardinality bounded). */
    static final String UNMATCHED_ROUTE = "unmatched";
    private static final Logger ACCESS = Logger.getLogger("access");
    private static final Set<String> QUIET_ROUTES = Set.of("/health/live", "/health/ready", "/metrics");
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "Cache-Control", "no-store");

    private final HttpMetrics metrics;

    RequestFilter(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = RequestIds.acceptOrGenerate(req.headers().first(RequestIds.HEADER).orElse(null));
        RequestIds.bind(requestId);
        try {
            res.header(RequestIds.HEADER, requestId);
            SECURITY_HEADERS.forEach((name, value) -> res.header(HeaderNames.create(name), value));
            chain.proceed();
        } finally {
            complete(req, res, System.nanoTime() - start);
            RequestIds.unbind();
        }
    }

    /** {@code /users/} (a service's root under its prefix) becomes {@code /users}; catch-alls become unmatched. */
    static String normalize(String pattern) {
        if (pattern.isEmpty() || pattern.contains("*")) {
            return UNMATCHED_ROUTE;
        }
        return pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private void complete(RoutingRequest req, RoutingResponse res, long nanos) {
        String method = req.prologue().method().text();
        String route = req.matchingPattern().map(RequestFilter::normalize).orElse(UNMATCHED_ROUTE);
        int status = res.status().code();
        metrics.recordRequest(method, route, status, nanos / 1e9);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        fields.put("route", route);
        fields.put("status_code", status);
        fields.put("duration_ms", Math.round(nanos / 1e4) / 100.0);
        Logs.log(ACCESS, QUIET_ROUTES.contains(route) ? Level.FINE : Level.INFO, "request completed", fields);
    }
}
