package com.usersplatform.common;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.observe.ObserveFeature;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standard routing of a service: request filter (request id, trace span, security headers, metrics, access log),
 * {@code /health/**} and {@code /metrics} (Helidon's observe feature, {@link ServiceObservers}), the service's own
 * routes, a JSON 404 catch-all, and error handlers that turn exceptions into the JSON error body (500
 * {@code internal_server_error}, never a stack trace). Applied to the server builder, as the observe feature is a
 * server feature:
 *
 * <pre>{@code
 * WebServer server = WebServer.builder().port(8080)
 *         .update(ServiceRouting.create(service, metrics, tracing,
 *                 Map.of("redis", store::isReachable),
 *                 api -> api.register("/users", new UserService(store, bodyLimitBytes))))
 *         .build();
 * }</pre>
 * A service answers 405 for its paths by ending each path's routes with
 * {@code rules.any(path, ApiErrors.methodNotAllowed(...))}.
 */
public final class ServiceRouting {
    private static final Logger LOG = Logger.getLogger(ServiceRouting.class.getName());

    private ServiceRouting() {
    }

    /**
     * Sets the routing of {@code service} on a server builder and adds its observe feature; {@code api} registers
     * the service's own routes and {@code checks} are its readiness checks by name.
     */
    public static Consumer<WebServerConfig.Builder> create(ServiceInfo service, HttpMetrics metrics, Tracing tracing,
                                                           Map<String, HealthCheck> checks,
                                                           Consumer<HttpRouting.Builder> api) {
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestFilter(metrics, tracing))
                .error(HttpException.class, ServiceRouting::httpError)
                .error(Exception.class, ServiceRouting::unexpected);
        api.accept(routing);
        routing.any(ApiErrors.notFound());
        ObserveFeature observe = ServiceObservers.feature(service, metrics, checks);
        return server -> server.routing(routing).addFeature(observe);
    }

    private static void httpError(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        String code = codeFor(status);
        if (code == null) {
            unexpected(req, res, e);
        } else {
            ApiErrors.send(res, status, code, status.reasonPhrase());
        }
    }

    /**
     * JSON error bodies for what Helidon rejects before routing (malformed request line or encoding, oversized
     * headers...): set with {@code WebServer.builder().directHandlers(ServiceRouting.directHandlers())}.
     */
    public static DirectHandlers directHandlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, ServiceRouting::direct);
        }
        return builder.build();
    }

    private static DirectHandler.TransportResponse direct(DirectHandler.TransportRequest req,
                                                          DirectHandler.EventType type, Status status,
                                                          ServerResponseHeaders headers, String message) {
        String code = Objects.requireNonNullElse(codeFor(status), "internal_server_error");
        String requestId = RequestIds.acceptOrGenerate(req.headers().first(RequestIds.HEADER).orElse(null));
        String body = Json.write(Map.of("error", code, "message", status.reasonPhrase(), "request_id", requestId));
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(RequestIds.HEADER, requestId)
                .keepAlive(type.keepAlive())
                .entity(body)
                .build();
    }

    private static String codeFor(Status status) {
        return switch (status.code()) {
            case 400 -> "validation_error";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> null;
        };
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.SEVERE, "Unhandled error", e);
        if (!res.isSent()) {
            ApiErrors.send(res, Status.INTERNAL_SERVER_ERROR_500, "internal_server_error", "Internal server error");
        }
    }
}
