package com.usersplatform.gateway.upstream;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;

/**
 * Reads HTTP/1.1 responses from one connection: status line, header fields and a body framed as RFC 9112 section 6.3
 * says (https://www.rfc-editor.org/rfc/rfc9112#section-6.3). Anything it cannot frame with certainty (conflicting
 * lengths, bare CR, obsolete line folding, oversized parts) is a {@link MalformedResponseException}: a proxy must not
 * pass on what it had to guess (RFC 9112 section 5.2 and 11.2, response splitting and smuggling).
 */
final class ResponseReader {
    /**
     * Status line and header fields together, as Helidon's own client allows (max-header-size 16 KiB); each line
     * must also fit the 8 KiB read buffer.
     */
    static final int MAX_HEAD = 16 * 1024;
    /** Largest body accepted: users' largest answer is a page of 100 users (~25 KiB). */
    static final int MAX_BODY = 8 * 1024 * 1024;
    private static final int BUFFER = 8 * 1024;

    /**
     * One response: the status, every header field in order, the body, the options its {@code Connection} header
     * lists (lower case; RFC 9110 section 7.6.1), and whether the connection can be reused.
     */
    record Response(int status, List<Header> headers, byte[] body, Set<String> connectionOptions, boolean reusable) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean receivedAny;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Starts an exchange: nothing of its answer has arrived yet, even if its request cannot be written. */
    void startExchange() {
        receivedAny = false;
    }

    /**
     * Whether any byte of the answer has arrived since {@link #startExchange} (a connection that fails before that
     * was stale).
     */
    boolean receivedAny() {
        return receivedAny;
    }

    /**
     * Reads the next final response (interim 1xx answers are skipped).
     *
     * @param headRequest whether it answers a HEAD request, whose response never has a body
     */
    Response read(boolean headRequest) throws IOException {
        int[] headBudget = {MAX_HEAD};
        while (true) {
            String statusLine = readLine(headBudget);
            boolean http11 = statusLine.startsWith("HTTP/1.1 ");
            if (!http11 && !statusLine.startsWith("HTTP/1.0 ")) {
                throw new MalformedResponseException("status line is not HTTP/1.x");
            }
            int status = status(statusLine);
            List<Header> headers = readFields(headBudget);
            if (status >= 100 && status < 200) {
                continue; // interim answers come before the final one (RFC 9110 section 15.2)
            }
            return withBody(status, headers, http11, headRequest);
        }
    }

    private Response withBody(int status, List<Header> headers, boolean http11, boolean headRequest)
            throws IOException {
        Set<String> options = connectionOptions(headers);
        boolean keepAlive = http11 && !options.contains("close");
        if (headRequest || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0], options, keepAlive && position == limit);
        }
        String transferEncoding = joined(headers, "transfer-encoding");
        String contentLength = joined(headers, "content-length");
        if (transferEncoding != null && contentLength != null) {
            // "ought to be handled as an error" (RFC 9112 section 6.1): the two framings may disagree
            throw new MalformedResponseException("both Transfer-Encoding and Content-Length");
        }
        if (transferEncoding != null) {
            if (!transferEncoding.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                throw new MalformedResponseException("unsupported transfer coding");
            }
            byte[] body = readChunked();
            return new Response(status, headers, body, options, keepAlive && position == limit);
        }
        if (contentLength != null) {
            byte[] body = readExactly(length(contentLength));
            return new Response(status, headers, body, options, keepAlive && position == limit);
        }
        return new Response(status, headers, readToEnd(), options, false);
    }

    private static int status(String statusLine) throws MalformedResponseException {
        // "HTTP/1.1 200", then optionally a space and a reason phrase (RFC 9112 section 4)
        if (statusLine.length() < 12 || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new MalformedResponseException("malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedResponseException("malformed status code");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new MalformedResponseException("malformed status code");
        }
        return status;
    }

    private List<Header> readFields(int[] headBudget) throws IOException {
        List<Header> headers = new ArrayList<>();
        for (String line = readLine(headBudget); !line.isEmpty(); line = readLine(headBudget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedResponseException(line.charAt(0) == ' ' || line.charAt(0) == '\t'
                        ? "obsolete line folding" : "header field without a name");
            }
            String name = line.substring(0, colon);
            for (int i = 0; i < name.length(); i++) {
                if (!isTokenChar(name.charAt(i))) {
                    throw new MalformedResponseException("invalid header field name");
                }
            }
            String value = line.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new MalformedResponseException("control character in header field " + name);
                }
            }
            headers.add(HeaderValues.create(HeaderNames.create(name), value));
        }
        return headers;
    }

    /** One line without its terminator; LF alone is accepted as one (RFC 9112 section 2.2), a bare CR is not. */
    private String readLine(int[] headBudget) throws IOException {
        int from = position;
        int scanned = position;
        while (true) {
            for (; scanned < limit; scanned++) {
                if (buffer[scanned] == '\n') {
                    int end = scanned > from && buffer[scanned - 1] == '\r' ? scanned - 1 : scanned;
                    headBudget[0] -= scanned + 1 - from;
                    if (headBudget[0] < 0) {
                        throw new MalformedResponseException("response head exceeds " + MAX_HEAD + " bytes");
                    }
                    for (int i = from; i < end; i++) {
                        if (buffer[i] == '\r') {
                            throw new MalformedResponseException("bare CR in response head");
                        }
                    }
                    position = scanned + 1;
                    return new String(buffer, from, end - from, StandardCharsets.ISO_8859_1);
                }
            }
            if (scanned - from >= Math.min(BUFFER, headBudget[0])) {
                throw new MalformedResponseException("response head exceeds " + MAX_HEAD + " bytes");
            }
            int shift = compact();
            from -= shift;
            scanned -= shift;
            if (!fill()) {
                throw new EOFException("connection closed before the response head was complete");
            }
        }
    }

    private byte[] readExactly(long length) throws IOException {
        if (length > MAX_BODY) {
            throw new MalformedResponseException("response body exceeds " + MAX_BODY + " bytes");
        }
        byte[] body = new byte[(int) length];
        int copied = Math.min(body.length, limit - position);
        System.arraycopy(buffer, position, body, 0, copied);
        position += copied;
        while (copied < body.length) {
            int n = in.read(body, copied, body.length - copied);
            if (n < 0) {
                throw new EOFException("connection closed before the response body was complete");
            }
            copied += n;
        }
        return body;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] lineBudget = {MAX_HEAD};
        while (true) {
            String sizeLine = readLine(lineBudget);
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored (RFC 9112 section 7.1.1)
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            int size = chunkSize(hex);
            if (size == 0) {
                readFields(lineBudget); // trailer fields are not passed on (RFC 9112 section 7.1.2)
                return body.toByteArray();
            }
            if (body.size() + (long) size > MAX_BODY) {
                throw new MalformedResponseException("response body exceeds " + MAX_BODY + " bytes");
            }
            body.write(readExactly(size));
            if (!readLine(lineBudget).isEmpty()) {
                throw new MalformedResponseException("chunk longer than its declared size");
            }
            lineBudget[0] = MAX_HEAD;
        }
    }

    private static int chunkSize(String hex) throws MalformedResponseException {
        if (hex.isEmpty() || hex.length() > 7) {
            throw new MalformedResponseException("malformed chunk size");
        }
        int size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new MalformedResponseException("malformed chunk size");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(buffer, position, limit - position);
        position = limit;
        byte[] chunk = new byte[BUFFER];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (body.size() + (long) n > MAX_BODY) {
                throw new MalformedResponseException("response body exceeds " + MAX_BODY + " bytes");
            }
            body.write(chunk, 0, n);
        }
        return body.toByteArray();
    }

    /** Every value of the field {@code name}, comma-joined (RFC 9110 section 5.3), or null when absent. */
    private static String joined(List<Header> headers, String name) {
        String joined = null;
        for (Header header : headers) {
            if (header.headerName().lowerCase().equals(name)) {
                joined = joined == null ? header.get() : joined + "," + header.get();
            }
        }
        return joined;
    }

    /**
     * The body's length. Repeated identical values are one length; differing or malformed ones cannot be framed
     * (RFC 9112 section 6.3, item 5).
     */
    private static long length(String values) throws MalformedResponseException {
        long length = -1;
        for (String value : values.split(",", -1)) {
            String digits = value.strip();
            if (digits.isEmpty() || digits.length() > 18 || !allDigits(digits)) {
                throw new MalformedResponseException("malformed Content-Length");
            }
            long parsed = Long.parseLong(digits);
            if (length >= 0 && parsed != length) {
                throw new MalformedResponseException("conflicting Content-Length values");
            }
            length = parsed;
        }
        return length;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Set<String> connectionOptions(List<Header> headers) {
        String values = joined(headers, "connection");
        if (values == null) {
            return Set.of();
        }
        Set<String> options = new HashSet<>();
        for (String option : values.split(",")) {
            options.add(option.strip().toLowerCase(Locale.ROOT));
        }
        return options;
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** Moves the unread bytes to the start of the buffer; returns how far they moved. */
    private int compact() {
        int from = position;
        if (from > 0) {
            System.arraycopy(buffer, from, buffer, 0, limit - from);
            limit -= from;
            position = 0;
        }
        return from;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        receivedAny = true;
        limit += n;
        return true;
    }

    /** The response cannot be framed or parsed safely; the connection is not reused. */
    static final class MalformedResponseException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message);
        }
    }
}
