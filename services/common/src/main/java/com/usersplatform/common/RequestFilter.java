package com.usersplatform.common;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps every request: accepts or generates its {@code X-Request-ID} (echoed on the response and bound to the
 * thread for logs), continues the caller's W3C trace context (a missing or malformed {@code traceparent} starts a
 * new trace) in a server span that is current while the request is handled, sets the standard security headers,
 * and after the handler records the request metrics by route template (the latency histogram picks up the trace id
 * as an exemplar) and writes one JSON access log line. Probe and scrape requests are logged at FINE only and not
 * traced.
 */
final class RequestFilter implements Filter {
    /** Route label for requests no route matched (keeps label cardinality bounded). */
    static final String UNMATCHED_ROUTE = "unmatched";
    private static final Logger ACCESS = Logger.getLogger("access");
    private static final Set<String> QUIET_ROUTES = Set.of("/health/live", "/health/ready", "/metrics");

    /** Span attribute with the request's {@code X-Request-ID}. */
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("request.id");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final TextMapGetter<ServerRequestHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequestHeaders carrier) {
            return carrier.stream().map(header -> header.name()).toList();
        }

        @Override
        public String get(ServerRequestHeaders carrier, String key) {
            return carrier == null ? null : carrier.first(HeaderNames.create(key)).orElse(null);
        }
    };

    private final HttpMetrics metrics;
    private final Tracing tracing;
    private final TextMapPropagator propagator;

    RequestFilter(HttpMetrics metrics, Tracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.propagator = tracing.openTelemetry().getPropagators().getTextMapPropagator();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = RequestIds.acceptOrGenerate(req.headers().first(RequestIds.HEADER).orElse(null));
        RequestIds.bind(requestId);
        String method = req.prologue().method().text();
        Span span = QUIET_ROUTES.contains(req.path().rawPath()) ? Span.getInvalid() : tracing.tracer()
                .spanBuilder(method)
                .setParent(propagator.extract(Context.root(), req.headers(), HEADERS))
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        // Set only on the spans that are sampled: no sampler here reads attributes at creation (see Tracing), and
        // "[isRecording] SHOULD be used to avoid expensive computations of a Span attributes"
        // (https://opentelemetry.io/docs/specs/otel/trace/api/#isrecording).
        if (span.isRecording()) {
            span.setAttribute(METHOD, method);
            span.setAttribute(REQUEST_ID, requestId);
        }
        try (Scope ignored = span.makeCurrent()) {
            try {
                res.header(RequestIds.HEADER, requestId);
                SecurityHeaders.ALL.forEach(res::header);
                chain.proceed();
            } finally {
                complete(req, res, span, System.nanoTime() - start);
            }
        } finally {
            span.end();
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

    private void complete(RoutingRequest req, RoutingResponse res, Span span, long nanos) {
        String method = req.prologue().method().text();
        String route = req.matchingPattern().map(RequestFilter::normalize).orElse(UNMATCHED_ROUTE);
        int status = res.status().code();
        // Span name "{method} {http.route}", only 5xx is an error on a server span
        // (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#name, #status).
        if (!UNMATCHED_ROUTE.equals(route)) {
            span.updateName(method + " " + route);
            span.setAttribute(ROUTE, route);
        }
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        metrics.recordRequest(method, route, status, nanos / 1e9);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        fields.put("route", route);
        fields.put("status_code", status);
        fields.put("duration_ms", Math.round(nanos / 1e4) / 100.0);
        Logs.log(ACCESS, QUIET_ROUTES.contains(route) ? Level.FINE : Level.INFO, "request completed", fields);
    }
}
