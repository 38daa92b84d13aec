package com.usersplatform.gateway.upstream;

import java.net.URI;
import java.time.Duration;

/**
 * How the gateway talks to the users service.
 *
 * @param baseUri              users service base URI, e.g. {@code http://127.0.0.1:3001}
 * @param connectTimeout       TCP connect timeout
 * @param readTimeout          longest an exchange may take, from writing the request to the answer's last byte,
 *                             before {@code 504 upstream_timeout} (enforced within {@link DeadlineWatch#TICK})
 * @param maxAttempts          attempts for idempotent requests whose connection failed (1 = no retry)
 * @param retryBackoff         pause between those attempts
 * @param breakerWindow        calls in the breaker's sliding window
 * @param breakerMinimumCalls  calls needed before the failure rate is judged
 * @param breakerFailureRate   failure percentage that opens the breaker
 * @param breakerOpenFor       how long the breaker fails fast before letting a trial call through
 */
public record UpstreamSettings(URI baseUri,
                               Duration connectTimeout,
                               Duration readTimeout,
                               int maxAttempts,
                               Duration retryBackoff,
                               int breakerWindow,
                               int breakerMinimumCalls,
                               float breakerFailureRate,
                               Duration breakerOpenFor) {
}
