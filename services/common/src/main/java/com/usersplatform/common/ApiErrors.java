package com.usersplatform.common;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the one error body of the API: {@code {"error": code, "message": text, "request_id": id, ...context}}.
 * Messages are for humans and never carry stack traces, class names or dependency error texts.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** Sends an error body with the given status and code. */
    public static void send(ServerResponse res, Status status, String code, String message) {
        send(res, status, code, message, Map.of());
    }

    /**
     * Answers 503 with a hint to retry in a second ({@code Retry-After: 1}, RFC 9110, section 10.2.3): the store or
     * the service behind is away for now, and a client may try again shortly.
     */
    public static void sendUnavailable(ServerResponse res, String code, String message) {
        res.header(HeaderNames.RETRY_AFTER, "1");
        send(res, Status.SERVICE_UNAVAILABLE_503, code, message);
    }

    /** Sends an error body with extra context fields (e.g. {@code field}, {@code id}). */
    public static void send(ServerResponse res, Status status, String code, String message, Map<String, ?> context) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body(code, message, context));
    }

    /** The error body as JSON text. */
    public static String body(String code, String message, Map<String, ?> context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("request_id", RequestIds.current().orElse(null));
        body.putAll(context);
        return Json.write(body);
    }

    /** Handler answering 404 {@code not_found}: the catch-all after every route. */
    public static Handler notFound() {
        return (req, res) -> send(res, Status.NOT_FOUND_404, "not_found",
                "No route for " + req.prologue().method().text() + " " + req.path().path());
    }

    /**
     * Handler answering 405 {@code method_not_allowed} with an {@code Allow} header; register it with
     * {@code rules.any(path, ...)} after a path's real routes.
     */
    public static Handler methodNotAllowed(Method... allowed) {
        String allow = Arrays.stream(allowed).map(Method::text).collect(Collectors.joining(", "));
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            send(res, Status.METHOD_NOT_ALLOWED_405, "method_not_allowed",
                    "Method " + req.prologue().method().text() + " is not allowed here; allowed: " + allow);
        };
    }
}
