package com.usersplatform.gateway.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.helidon.common.uri.UriInfo;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Forwards requests to the users service over kept-alive HTTP/1.1 connections of its own ({@link UpstreamConnection},
 * {@link UpstreamConnectionPool}, {@link RequestEncoder}, {@link ResponseReader}), inside a circuit breaker (outer)
 * and a retry (inner, idempotent methods only, connection failures only). Timeouts, refused connections and 5xx
 * answers count as breaker failures; 2xx-4xx answers come back unchanged. Each forwarded request is one client span
 * (breaker state at the start as an attribute, each retry as an event) whose W3C trace context goes to the users
 * service. Helidon's {@code Http1Client} did the forwarding before: the own client costs less CPU and memory per
 * request and retires connections so a users scale-out gets traffic (docs/performance.md, "The gateway's own
 * forwarding client").
 */
public final class UpstreamClient {
    /** Response headers that describe the connection or framing, not the resource: never copied. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "date",
            "server");

    private final String service;
    private final UpstreamSettings settings;
    private final UriInfo base;
    private final String hostHeader;
    private final UpstreamConnectionPool pool = new UpstreamConnectionPool();
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final UpstreamObserver observer;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    // Client span attributes (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-client-span).
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> PEER = AttributeKey.stringKey("peer.service");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> BREAKER_STATE = AttributeKey.stringKey("circuit_breaker.state");
    private static final AttributeKey<Long> RETRY_ATTEMPT = AttributeKey.longKey("retry.attempt");

    /**
     * @param service  name of the upstream service (metrics label, messages)
     * @param settings timeouts, retry and breaker settings
     * @param observer told the outcome and duration of every forwarded request
     * @param telemetry tracer and propagators for the client span
     */
    public UpstreamClient(String service, UpstreamSettings settings, UpstreamObserver observer,
                          OpenTelemetry telemetry) {
        this.service = service;
        this.settings = settings;
        this.observer = observer;
        this.tracer = telemetry.getTracer("upstream");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        int port = settings.baseUri().getPort() < 0 ? 80 : settings.baseUri().getPort(); // http's default port
        this.base = UriInfo.builder()
                .scheme(settings.baseUri().getScheme())
                .host(settings.baseUri().getHost())
                .port(port)
                .build();
        this.hostHeader = base.host() + ":" + base.port();
        this.breaker = CircuitBreaker.of(service, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // users' own 503 (Redis down) is a fast, well-formed answer: it must reach the client unchanged and
                // must not hold the breaker open after Redis is back. Only unreachable/hung/broken upstreams count.
                .recordException(e -> e instanceof UpstreamFailure
                        || e instanceof ServerError error && error.response.status() != 503)
                .build());
        this.retry = Retry.of(service, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .waitDuration(settings.retryBackoff())
                .retryOnException(e -> e instanceof UpstreamFailure f && f.kind() == UpstreamFailure.Kind.UNAVAILABLE)
                .build());
        // Retry events are published on the calling thread, before its back-off wait: the client span is current.
        retry.getEventPublisher().onRetry(event -> Span.current().addEvent("retry", Attributes.of(
                RETRY_ATTEMPT, (long) event.getNumberOfRetryAttempts(),
                ERROR_TYPE, event.getLastThrowable() instanceof UpstreamFailure f ? f.kind().code() : "error")));
    }

    /**
     * Sends {@code request} and returns the users service's answer when it is 2xx-4xx or 503.
     *
     * @throws UpstreamFailure when no usable answer came: breaker open, connection failure, timeout or other 5xx
     */
    public UpstreamResponse forward(UpstreamRequest request) {
        long start = System.nanoTime();
        int status = 0;
        Span span = tracer.spanBuilder(request.method().text()).setSpanKind(SpanKind.CLIENT).startSpan();
        if (span.isRecording()) {
            // Most spans are not sampled, and their attributes would be built for nothing: "this flag SHOULD be used
            // to avoid expensive computations of a Span attributes" (https://opentelemetry.io/docs/specs/otel/trace/api/#isrecording).
            // Attributes given at creation are for samplers, and none here reads them: the edge draws at random, the
            // spans behind it follow their parent.
            span.setAttribute(METHOD, request.method().text());
            span.setAttribute(ADDRESS, base.host());
            span.setAttribute(PORT, (long) base.port());
            span.setAttribute(PEER, service);
            span.setAttribute(BREAKER_STATE, breaker.getState().name().toLowerCase(Locale.ROOT));
        }
        try (Scope ignored = span.makeCurrent()) {
            Supplier<UpstreamResponse> call = () -> send(request);
            if (request.idempotent()) {
                call = Retry.decorateSupplier(retry, call);
            }
            UpstreamResponse response = CircuitBreaker.decorateSupplier(breaker, call).get();
            status = response.status();
            return response;
        } catch (ServerError e) {
            status = e.response.status();
            if (status == 503) {
                // users' own "service_unavailable" (e.g. Redis down) is a well-formed, retryable answer: pass it on.
                return e.response;
            }
            throw new UpstreamFailure(UpstreamFailure.Kind.ERROR,
                    service + " service failed with status " + status, null);
        } catch (CallNotPermittedException e) {
            status = UpstreamFailure.Kind.UNAVAILABLE.status();
            span.setAttribute(ERROR_TYPE, "circuit_open");
            throw new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE,
                    service + " service unavailable (circuit open)", e);
        } catch (UpstreamFailure e) {
            status = e.kind().status();
            span.setAttribute(ERROR_TYPE, e.kind().code());
            throw e;
        } finally {
            try (Scope ignored = span.makeCurrent()) {
                observer.completed(service, request.method().text(), status, System.nanoTime() - start);
            }
            // The status the gateway answers with: users' own, or the one its failure maps to (error.type says which).
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    /** Current circuit breaker state. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** Name of the upstream service. */
    public String service() {
        return service;
    }

    private UpstreamResponse send(UpstreamRequest request) {
        List<Header> traceContext = new ArrayList<>(1);
        propagator.inject(Context.current(), traceContext,
                (carrier, name, value) -> carrier.add(HeaderValues.create(HeaderNames.create(name), value)));
        byte[] bytes = RequestEncoder.encode(request, hostHeader, traceContext);
        boolean head = request.method().equals(Method.HEAD);
        UpstreamConnection pooled = pool.lease(request.idempotent());
        if (pooled != null) {
            try {
                return exchange(pooled, bytes, head);
            } catch (IOException e) {
                // users closed the kept-alive connection as the request went out (a restart, its idle timeout):
                // it never saw the request, but only a repeatable one may be sent again without asking.
                if (pooled.answered() || !request.idempotent() || e instanceof SocketTimeoutException) {
                    throw failure(e);
                }
            }
        }
        UpstreamConnection fresh;
        try {
            fresh = UpstreamConnection.open(resolve(), settings.connectTimeout(), settings.readTimeout(),
                    DeadlineWatch.SHARED);
        } catch (IOException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE, service + " service unreachable", e);
        }
        try {
            return exchange(fresh, bytes, head);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes {@code request} and reads the answer; the connection goes back to the pool only after a whole one. */
    private UpstreamResponse exchange(UpstreamConnection connection, byte[] request, boolean head) throws IOException {
        ResponseReader.Response answer;
        try {
            answer = connection.exchange(request, head);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (answer.reusable()) {
            pool.release(connection);
        } else {
            connection.close();
        }
        List<Header> headers = new ArrayList<>(answer.headers().size());
        for (Header h : answer.headers()) {
            String name = h.headerName().lowerCase();
            // Fields the answer's Connection header names are hop-by-hop too (RFC 9110 section 7.6.1).
            if (!HOP_BY_HOP.contains(name) && !answer.connectionOptions().contains(name)) {
                headers.add(h);
            }
        }
        UpstreamResponse result = new UpstreamResponse(answer.status(), List.copyOf(headers), answer.body());
        if (result.status() >= 500) {
            throw new ServerError(result);
        }
        return result;
    }

    /** The users service's address, looked up again for each new connection (its DNS name may move). */
    private InetSocketAddress resolve() throws UnknownHostException {
        InetSocketAddress resolved = new InetSocketAddress(base.host(), base.port());
        if (resolved.isUnresolved()) {
            throw new UnknownHostException(base.host());
        }
        return resolved;
    }

    /** What a failed exchange on an open connection means for the client. */
    private UpstreamFailure failure(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, service + " service did not answer within "
                    + settings.readTimeout().toMillis() + " ms", e);
        }
        if (e instanceof ResponseReader.MalformedResponseException) {
            return new UpstreamFailure(UpstreamFailure.Kind.ERROR,
                    service + " service sent a malformed answer: " + e.getMessage(), e);
        }
        return new UpstreamFailure(UpstreamFailure.Kind.ERROR, service + " service connection failed", e);
    }

    /** A 5xx answer: recorded by the breaker as a failure, unwrapped by {@link #forward}. */
    private static final class ServerError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient UpstreamResponse response;

        ServerError(UpstreamResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
