package com.usersplatform.gateway.upstream;

import java.util.List;

import io.helidon.http.Header;

/**
 * What the users service answered: status, the end-to-end headers worth passing on, and the body.
 *
 * @param status  HTTP status
 * @param headers response headers to copy to the client (hop-by-hop and framing headers removed)
 * @param body    response body, possibly empty
 */
public record UpstreamResponse(int status, List<Header> headers, byte[] body) {
}
