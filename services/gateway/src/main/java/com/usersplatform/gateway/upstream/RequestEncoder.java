package com.usersplatform.gateway.upstream;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.http.Header;
import io.helidon.http.Method;

/** Writes an {@link UpstreamRequest} as the bytes of one HTTP/1.1 request (RFC 9112 sections 3 and 5). */
final class RequestEncoder {
    /** Characters a query may carry unencoded (RFC 3986 section 3.4: pchar, "/", "?"), and "%" of its escapes. */
    private static final boolean[] QUERY_CHARS = new boolean[128];
    static {
        for (char c : ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%")
                .toCharArray()) {
            QUERY_CHARS[c] = true;
        }
    }
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestEncoder() {
    }

    /**
     * @param hostHeader value of {@code Host} (the users service's authority)
     * @param extra      headers added on this hop (trace context)
     * @throws IllegalArgumentException when a header value holds a line break or NUL: request headers come from
     *                                  fields the gateway's server already parsed and validated, so this would be a
     *                                  bug, and it must never become header injection
     */
    static byte[] encode(UpstreamRequest request, String hostHeader, List<Header> extra) {
        StringBuilder head = new StringBuilder(256)
                .append(request.method().text()).append(' ').append(request.path());
        String query = request.query().rawValue();
        if (!query.isEmpty()) {
            appendQuery(head.append('?'), query);
        }
        head.append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        appendAll(head, request.headers());
        appendAll(head, extra);
        byte[] body = request.body();
        if (body.length > 0 || carriesBody(request.method())) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return bytes;
    }

    private static void appendAll(StringBuilder head, List<Header> headers) {
        for (Header header : headers) {
            String value = header.get();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("header " + header.name() + " holds a line break or NUL");
                }
            }
            head.append(header.name()).append(": ").append(value).append("\r\n");
        }
    }

    /** The client's query as it sent it, with anything a request line may not carry percent-encoded. */
    private static void appendQuery(StringBuilder head, String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c < 128 && QUERY_CHARS[c]) {
                head.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    head.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
    }

    /** Methods whose requests define content: they announce its length even when it is empty (RFC 9110 section 8.6). */
    private static boolean carriesBody(Method method) {
        return method.equals(Method.POST) || method.equals(Method.PUT) || method.equals(Method.PATCH);
    }
}
