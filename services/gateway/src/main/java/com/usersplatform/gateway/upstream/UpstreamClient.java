package com.usersplatform.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.helidon.common.uri.UriInfo;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.RuntimeUnknownHostException;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;
import io.helidon.webclient.http1.Http1ClientRequest;
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
 * Forwards requests to the users service over Helidon's WebClient, inside a circuit breaker (outer) and a retry
 * (inner, idempotent methods only, connection failures only). Timeouts, refused connections and 5xx answers count
 * as breaker failures; 2xx-4xx answers come back unchanged. Each forwarded request is one client span (breaker
 * state at the start as an attribute, each retry as an event) whose W3C trace context goes to the users service.
 */
public final class UpstreamClient {
    /** Response headers that describe the connection or framing, not the resource: never copied. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "date",
            "server");

    /** Bodies up to this size with a declared length are read into an array of exactly that length. */
    private static final int MAX_EXACT_READ = 1 << 20;

    private final String service;
    private final UpstreamSettings settings;
    private final UriInfo base;
    private final Http1Client client;
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
        this.base = UriInfo.builder()
                .scheme(settings.baseUri().getScheme())
                .host(settings.baseUri().getHost())
                .port(settings.baseUri().getPort())
                .build();
        // The HTTP/1.1 client itself, not WebClient's protocol-negotiating front: only users is ever called, always
        // over plain HTTP/1.1, and WebClient.builder().addProtocolConfig(...) never reaches its HTTP/1.1 client in
        // Helidon 4.5.0 (LoomClient looks the config up by protocol id "http/1.1" while the config's type() is
        // "http_1_1", so the defaults apply), which had silently left header validation on.
        this.client = Http1Client.builder()
                .baseUri(settings.baseUri())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .followRedirects(false)
                // users is reached directly inside the cluster. Helidon 4's default proxy is SYSTEM
                // (https://github.com/helidon-io/helidon/issues/7274), which builds and checks a java.net.URI
                // against the system proxy selector on every request: ~3 % of the gateway's CPU for nothing.
                .proxy(Proxy.noProxy())
                // Header validation on this hop only repeats checks already made: the request headers are built
                // from values the server validated on the way in (or generated here), and users' response headers
                // are validated again when the gateway writes them to its client. Validating them on this client
                // too (https://helidon.io/docs/latest/config/io.helidon.webclient.http1.http1clientprotocolconfig)
                // cost ~6 % of the gateway's CPU samples (Http1CallChainBase.writeHeaders, readHeaders).
                .protocolConfig(Http1ClientProtocolConfig.builder()
                        .validateRequestHeaders(false)
                        .validateResponseHeaders(false)
                        .build())
                .build();
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
        Span span = tracer.spanBuilder(request.method().text())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, request.method().text())
                .setAttribute(ADDRESS, base.host())
                .setAttribute(PORT, (long) base.port())
                .setAttribute(PEER, service)
                .setAttribute(BREAKER_STATE, breaker.getState().name().toLowerCase(Locale.ROOT))
                .startSpan();
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
        ClientUri uri = ClientUri.create(UriInfo.builder(base)
                .path(UriPath.create(request.path()))
                .query(request.query())
                .build());
        Http1ClientRequest http = client.method(request.method()).uri(uri);
        request.headers().forEach(http::header);
        propagator.inject(Context.current(), http,
                (carrier, name, value) -> carrier.header(HeaderValues.create(HeaderNames.create(name), value)));
        try (HttpClientResponse response = request.body().length == 0 ? http.request() : http.submit(request.body())) {
            // A HEAD answer announces a length but carries no body: never read one.
            boolean hasBody = !request.method().equals(Method.HEAD) && response.entity().hasEntity();
            byte[] body = hasBody ? readBody(response) : new byte[0];
            List<Header> headers = new ArrayList<>();
            response.headers().forEach(h -> {
                if (!HOP_BY_HOP.contains(h.headerName().lowerCase())) {
                    headers.add(h);
                }
            });
            UpstreamResponse result = new UpstreamResponse(response.status().code(), List.copyOf(headers), body);
            if (result.status() >= 500) {
                throw new ServerError(result);
            }
            return result;
        } catch (RuntimeException e) {
            if (e instanceof ServerError) {
                throw e;
            }
            throw classify(e);
        }
    }

    /**
     * The answer's body. With a {@code Content-Length} (users always sends one) exactly that many bytes are read:
     * {@code entity().as(byte[].class)} reads through {@code InputStream.readAllBytes}, whose 16 KiB chunks Helidon
     * 4.5.0 answers with a 16 KiB buffer of its own each time ({@code ReadableEntityBase.RequestingInputStream}), so
     * a 200-byte body cost over 32 KiB of garbage: most of the gateway's allocation, 37 young collections a second
     * under load. Closing the stream reads to the end, which returns the connection to the pool.
     */
    private static byte[] readBody(HttpClientResponse response) {
        OptionalLong length = response.headers().contentLength();
        if (length.isEmpty() || length.getAsLong() > MAX_EXACT_READ) {
            return response.entity().as(byte[].class); // chunked or large: Helidon's own bounded buffering
        }
        try (InputStream in = response.inputStream()) {
            return in.readNBytes((int) length.getAsLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UpstreamFailure classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof RuntimeUnknownHostException
                    || t instanceof SocketTimeoutException && isConnectTimeout(t)) {
                return new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE,
                        service + " service unreachable", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, service + " service did not answer within "
                        + settings.readTimeout().toMillis() + " ms", e);
            }
        }
        return new UpstreamFailure(UpstreamFailure.Kind.ERROR, service + " service connection failed", e);
    }

    private static boolean isConnectTimeout(Throwable t) {
        String message = t.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
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
