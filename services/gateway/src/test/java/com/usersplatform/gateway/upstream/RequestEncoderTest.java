package com.usersplatform.gateway.upstream;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes of a forwarded request. */
class RequestEncoderTest {

    private static String encode(Method method, String query, byte[] body, String... headerPairs) {
        List<io.helidon.http.Header> headers = new java.util.ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(HeaderValues.create(HeaderNames.create(headerPairs[i]), headerPairs[i + 1]));
        }
        UpstreamRequest request = new UpstreamRequest(method, "/users/a%2Fb", UriQuery.create(query, false),
                headers, body);
        return new String(RequestEncoder.encode(request, "users:3001",
                List.of(HeaderValues.create(HeaderNames.create("traceparent"), "00-abc-def-01"))),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGetIsItsRequestLineHostAndHeadersWithoutALength() {
        assertEquals("GET /users/a%2Fb?limit=5&offset=0 HTTP/1.1\r\nHost: users:3001\r\nX-Request-ID: r-1\r\n"
                + "traceparent: 00-abc-def-01\r\n\r\n",
                encode(Method.GET, "limit=5&offset=0", new byte[0], "X-Request-ID", "r-1"));
    }

    @Test
    void bodiesFollowTheirLengthAndABodyMethodAnnouncesEvenAnEmptyOne() {
        assertEquals("POST /users/a%2Fb HTTP/1.1\r\nHost: users:3001\r\ntraceparent: 00-abc-def-01\r\n"
                + "Content-Length: 7\r\n\r\n{\"a\":1}",
                encode(Method.POST, "", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(encode(Method.PUT, "", new byte[0]).endsWith("Content-Length: 0\r\n\r\n"));
        assertTrue(encode(Method.DELETE, "", new byte[0]).endsWith("traceparent: 00-abc-def-01\r\n\r\n"));
    }

    @Test
    void theClientsQueryPassesAsSentWithWhatARequestLineCannotCarryEncoded() {
        String encoded = encode(Method.GET, "q=x%20y%26z&a=b/c?d:e@f&n=\"<é> |\u007f\u0080~", new byte[0]);
        assertTrue(encoded.startsWith(
                "GET /users/a%2Fb?q=x%20y%26z&a=b/c?d:e@f&n=%22%3C%C3%A9%3E%20%7C%7F%C2%80~ HTTP/1.1\r\n"), encoded);
    }

    @Test
    void aLineBreakInAHeaderValueIsRefusedNotSent() {
        for (String value : List.of("a\r\nX-Injected: 1", "a\nb", "a\u0000")) {
            assertThrows(IllegalArgumentException.class, () -> encode(Method.GET, "", new byte[0], "X-A", value));
        }
    }
}
