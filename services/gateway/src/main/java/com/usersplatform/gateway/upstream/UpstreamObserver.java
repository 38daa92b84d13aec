package com.usersplatform.gateway.upstream;

/** Told the outcome of every forwarded request (metrics). */
@FunctionalInterface
public interface UpstreamObserver {
    /**
     * @param service     upstream service name
     * @param method      HTTP method
     * @param statusCode  status the client got for this call (the upstream's, or the gateway's 502/503/504)
     * @param nanos       time spent, retries included
     */
    void completed(String service, String method, int statusCode, long nanos);
}
