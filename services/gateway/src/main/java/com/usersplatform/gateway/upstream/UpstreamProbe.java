package com.usersplatform.gateway.upstream;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;

/**
 * One {@code GET} of a fixed path on the users service, over a connection of its own that is closed after the
 * answer: for health checks, which must see users as it is now. It bypasses the forwarding pool, breaker and retry,
 * so it neither waits for the breaker's verdict nor moves it.
 */
public final class UpstreamProbe {
    private final UpstreamAddress address;
    private final Duration timeout;
    private final byte[] request;

    /**
     * @param usersUrl the users service's {@code http://host[:port]} URL
     * @param path     the path to get, e.g. {@code /health/ready}
     * @param timeout  bound on the connect and on each read of the answer
     */
    public UpstreamProbe(URI usersUrl, String path, Duration timeout) {
        this.address = UpstreamAddress.of(usersUrl);
        this.timeout = timeout;
        this.request = RequestEncoder.encode(
                new UpstreamRequest(Method.GET, path, UriQuery.empty(), List.of(), new byte[0]),
                address.authority(), List.of(HeaderValues.CONNECTION_CLOSE));
    }

    /**
     * The status of users' answer.
     *
     * @throws IOException when users cannot be reached, does not answer in time or sends no well-formed answer
     */
    public int status() throws IOException {
        try (UpstreamConnection connection = UpstreamConnection.open(address.resolve(), timeout, timeout)) {
            connection.write(request);
            return connection.read(false).status();
        }
    }
}
