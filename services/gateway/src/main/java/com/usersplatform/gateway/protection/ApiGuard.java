package com.usersplatform.gateway.protection;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.usersplatform.common.ApiErrors;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Guards {@code /api/**}: rate limit per client, then API-key authentication. A client is its API key when the key
 * is valid, else its address ({@link ClientAddress}: behind the load balancer, from {@code X-Forwarded-For}), so
 * unauthenticated guessing is limited too. Health and metrics are not guarded.
 */
public final class ApiGuard implements Filter {
    private static final HeaderName API_KEY = HeaderNames.create("X-API-Key");
    private static final String BEARER = "bearer ";
    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final ClientAddress clientAddress;

    /** Guards with {@code keys} and {@code limiter}; anonymous clients are told apart by their connection's peer. */
    public ApiGuard(ApiKeys keys, RateLimiter limiter) {
        this(keys, limiter, new ClientAddress(0));
    }

    /** Guards with {@code keys} and {@code limiter}; anonymous clients are told apart by {@code clientAddress}. */
    public ApiGuard(ApiKeys keys, RateLimiter limiter, ClientAddress clientAddress) {
        this.keys = keys;
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            chain.proceed();
            return;
        }
        Optional<String> client = keys.identify(presentedKey(req.headers()));
        Optional<Duration> wait = limiter.acquire(client.map(id -> "key:" + id)
                .orElseGet(() -> "addr:" + clientAddress.of(req.remotePeer().host(),
                        req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of))));
        if (wait.isPresent()) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(wait.get().toSeconds()));
            ApiErrors.send(res, Status.TOO_MANY_REQUESTS_429, "rate_limited",
                    "Rate limit exceeded; retry after " + wait.get().toSeconds() + " s");
            return;
        }
        if (client.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
            ApiErrors.send(res, Status.UNAUTHORIZED_401, "unauthorized",
                    "A valid API key is required (Authorization: Bearer <key> or X-API-Key: <key>)");
            return;
        }
        chain.proceed();
    }

    /** The key from {@code Authorization: Bearer <key>}, else from {@code X-API-Key}; null when neither. */
    static String presentedKey(ServerRequestHeaders headers) {
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.length() > BEARER.length()
                    && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
                return value.substring(BEARER.length()).strip();
            }
        }
        return headers.first(API_KEY).map(String::strip).orElse(null);
    }
}
