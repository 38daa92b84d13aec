package com.usersplatform.gateway.upstream;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where the users service listens, from its {@code http://host[:port]} URL (the gateway's configuration refuses any
 * other form).
 *
 * @param host name or address, as configured
 * @param port the URL's port, or 80, http's default (RFC 9110 section 4.2.1)
 */
record UpstreamAddress(String host, int port) {

    static UpstreamAddress of(URI url) {
        return new UpstreamAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
    }

    /** The {@code Host} header's value. */
    String authority() {
        return host + ":" + port;
    }

    /** Looked up again for each new connection: the users Service's DNS name may move. */
    InetSocketAddress resolve() throws UnknownHostException {
        InetSocketAddress resolved = new InetSocketAddress(host, port);
        if (resolved.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        return resolved;
    }
}
