package com.usersplatform.gateway.upstream;

import java.util.List;

import io.helidon.http.Header;
import io.helidon.http.Method;
import io.helidon.common.uri.UriQuery;

/**
 * One request to forward to the users service.
 *
 * @param method  HTTP method, unchanged
 * @param path    upstream path, already percent-encoded (see {@link UpstreamPaths})
 * @param query   the client's query parameters, unchanged
 * @param headers headers to send (request id, forwarding and content headers)
 * @param body    request body, possibly empty
 */
public record UpstreamRequest(Method method, String path, UriQuery query, List<Header> headers, byte[] body) {

    /** Whether repeating the request cannot change the outcome (RFC 9110 section 9.2.2). */
    public boolean idempotent() {
        return method.equals(Method.GET) || method.equals(Method.HEAD) || method.equals(Method.PUT)
                || method.equals(Method.DELETE) || method.equals(Method.OPTIONS);
    }
}
