package com.usersplatform.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.usersplatform.common.ApiErrors;
import com.usersplatform.common.Logs;
import com.usersplatform.common.RequestIds;
import com.usersplatform.common.SecurityHeaders;
import com.usersplatform.gateway.upstream.UpstreamClient;
import com.usersplatform.gateway.upstream.UpstreamFailure;
import com.usersplatform.gateway.upstream.UpstreamPaths;
import com.usersplatform.gateway.upstream.UpstreamRequest;
import com.usersplatform.gateway.upstream.UpstreamResponse;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/users} and {@code /api/users/{id}}, every method, forwarded to the users service's {@code /users}
 * with method, query, body, status, body and headers unchanged. Bodies are bounded before anything is forwarded.
 */
final class UsersProxyService implements HttpService {
    private static final Logger LOG = Logger.getLogger(UsersProxyService.class.getName());
    private static final int MAX_FORWARDED_FOR = 512;
    /** Where this service is mounted on the gateway, and the users service's own path for the same resources. */
    static final String PUBLIC_PREFIX = "/api";
    private static final String UPSTREAM_PREFIX = "/users";
    /**
     * Methods worth a trip to users (which decides what each path allows); TRACE, CONNECT and unknown methods are
     * refused here with the API's 405.
     */
    private static final Predicate<Method> FORWARDED = Method.predicate(Method.GET, Method.HEAD, Method.POST,
            Method.PUT, Method.PATCH, Method.DELETE, Method.OPTIONS);

    private final UpstreamClient upstream;
    private final int bodyLimit;

    UsersProxyService(UpstreamClient upstream, int bodyLimit) {
        this.upstream = upstream;
        this.bodyLimit = bodyLimit;
    }

    @Override
    public void routing(HttpRules rules) {
        Handler collectionNotAllowed = ApiErrors.methodNotAllowed(Method.GET, Method.POST);
        Handler itemNotAllowed = ApiErrors.methodNotAllowed(Method.GET, Method.PUT, Method.DELETE);
        rules.route(FORWARDED, PathMatchers.create("/users"), (req, res) -> forward(req, res, UPSTREAM_PREFIX))
                .route(FORWARDED, PathMatchers.create("/users/{id}"), (req, res) -> forward(req, res,
                        UpstreamPaths.child(UPSTREAM_PREFIX, req.path().pathParameters().get("id"))))
                .any("/users", collectionNotAllowed)
                .any("/users/{id}", itemNotAllowed);
    }

    private void forward(ServerRequest req, ServerResponse res, String upstreamPath) throws IOException {
        Method method = req.prologue().method();
        Optional<HttpMediaType> contentType = req.headers().contentType();
        if (carriesBody(method) && contentType.isPresent() && !isJson(contentType.get())) {
            ApiErrors.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Request bodies must be application/json");
            return;
        }
        Optional<byte[]> body;
        try {
            body = readBounded(req);
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException | IllegalArgumentException e) {
            // The connection ended before the declared body was complete, or the chunked framing is broken
            // (Helidon reports a bad chunk size as a NumberFormatException).
            ApiErrors.send(res, Status.BAD_REQUEST_400, "validation_error", "Request body is incomplete or malformed");
            return;
        }
        if (body.isEmpty()) {
            ApiErrors.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                    "Request body exceeds " + bodyLimit + " bytes");
            return;
        }
        UpstreamResponse answer;
        try {
            // Bodies of GET, HEAD, DELETE and OPTIONS have no defined meaning: bounded above, but not forwarded.
            answer = upstream.forward(new UpstreamRequest(method, upstreamPath, req.query(), headers(req),
                    carriesBody(method) ? body.get() : new byte[0]));
        } catch (UpstreamFailure failure) {
            Logs.log(LOG, Level.WARNING, failure.getMessage(), Map.of("cause",
                    failure.getCause() == null ? "none" : failure.getCause().toString()));
            if (failure.kind() == UpstreamFailure.Kind.UNAVAILABLE) {
                ApiErrors.sendUnavailable(res, failure.kind().code(), failure.getMessage());
            } else {
                ApiErrors.send(res, Status.create(failure.kind().status()), failure.kind().code(), failure.getMessage());
            }
            return;
        }
        res.status(Status.create(answer.status()));
        for (Header header : answer.headers()) {
            if (!edgeOwned(header.headerName())) {
                res.header(publicHeader(header));
            }
        }
        res.send(answer.body());
    }

    /**
     * {@code header} as the client must see it: a {@code Location} in the users service's own path space
     * ({@code /users}, {@code /users/...}, {@code /users?...}) gets the gateway's mount prefix, so it names the public
     * resource. Any other value (another path, an absolute URI, another host) is passed on unchanged and never
     * rewritten into something the client did not get from users.
     */
    static Header publicHeader(Header header) {
        if (!header.name().equalsIgnoreCase(HeaderNames.LOCATION.defaultCase())) {
            return header;
        }
        String location = header.get();
        boolean upstreamPath = location.equals(UPSTREAM_PREFIX) || location.startsWith(UPSTREAM_PREFIX + "/")
                || location.startsWith(UPSTREAM_PREFIX + "?");
        return upstreamPath ? HeaderValues.create(HeaderNames.LOCATION, PUBLIC_PREFIX + location) : header;
    }

    /**
     * The gateway's own request id and security policy headers (set by its request filter) are the edge's: users'
     * copies of them are not forwarded. Everything else users says about the resource is.
     */
    private static boolean edgeOwned(HeaderName name) {
        return SecurityHeaders.isPolicy(name) || name.lowerCase().equals(RequestIds.HEADER.lowerCase());
    }

    /** The body when it fits the limit (empty array when there is none); empty when it is too large. */
    private Optional<byte[]> readBounded(ServerRequest req) throws IOException {
        if (req.headers().contentLength().orElse(0) > bodyLimit) {
            return Optional.empty();
        }
        if (!req.content().hasEntity()) {
            return Optional.of(new byte[0]);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(bodyLimit + 1);
            return bytes.length > bodyLimit ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static boolean carriesBody(Method method) {
        return method.equals(Method.POST) || method.equals(Method.PUT) || method.equals(Method.PATCH);
    }

    private static boolean isJson(HttpMediaType type) {
        return type.test(MediaTypes.APPLICATION_JSON) || type.mediaType().subtype().endsWith("+json");
    }

    /** Request id, forwarding chain and content negotiation; never the client's credentials. */
    private static List<Header> headers(ServerRequest req) {
        List<Header> headers = new ArrayList<>();
        RequestIds.current().ifPresent(id -> headers.add(HeaderValues.create(RequestIds.HEADER, id)));
        String peer = req.remotePeer().host();
        String forwardedFor = req.headers().first(HeaderNames.X_FORWARDED_FOR)
                .filter(chain -> chain.length() <= MAX_FORWARDED_FOR)
                .map(chain -> chain + ", " + peer)
                .orElse(peer);
        headers.add(HeaderValues.create(HeaderNames.X_FORWARDED_FOR, forwardedFor));
        headers.add(HeaderValues.create(HeaderNames.X_FORWARDED_PROTO, req.isSecure() ? "https" : "http"));
        req.headers().first(HeaderNames.CONTENT_TYPE)
                .ifPresent(value -> headers.add(HeaderValues.create(HeaderNames.CONTENT_TYPE, value)));
        req.headers().first(HeaderNames.ACCEPT)
                .ifPresent(value -> headers.add(HeaderValues.create(HeaderNames.ACCEPT, value)));
        return headers;
    }
}
