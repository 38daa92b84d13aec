package com.usersplatform.gateway.upstream;

import java.util.List;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which methods may be retried: the idempotent ones of RFC 9110 section 9.2.2, and no other. */
class UpstreamRequestTest {

    @ParameterizedTest(name = "{0} idempotent: {1}")
    @CsvSource({"GET, true", "HEAD, true", "PUT, true", "DELETE, true", "OPTIONS, true", "POST, false",
            "PATCH, false", "CONNECT, false"})
    void idempotentMethodsAreExactlyTheRfcOnes(String method, boolean idempotent) {
        UpstreamRequest request = new UpstreamRequest(Method.create(method), "/users", UriQuery.empty(), List.of(),
                new byte[0]);
        assertEquals(idempotent, request.idempotent());
    }
}
