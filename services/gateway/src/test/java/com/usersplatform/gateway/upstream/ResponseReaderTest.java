package com.usersplatform.gateway.upstream;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.http.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framing and validation of users' answers, read from bytes as they would arrive on the socket. */
class ResponseReaderTest {

    private static ResponseReader reader(String wire) {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static ResponseReader.Response read(String wire) throws IOException {
        return reader(wire).read(false);
    }

    private static String body(ResponseReader.Response response) {
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    private static List<String> names(ResponseReader.Response response) {
        return response.headers().stream().map(Header::name).toList();
    }

    @Test
    void aDeclaredLengthFramesTheBodyAndKeepsTheConnection() throws IOException {
        ResponseReader.Response response = read("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                + "Location: /users/1\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
        assertEquals(201, response.status());
        assertEquals("{\"a\":1}", body(response));
        assertEquals(List.of("Content-Type", "Location", "Content-Length"), names(response));
        assertEquals("/users/1", response.headers().get(1).get());
        assertTrue(response.reusable());
    }

    @Test
    void consecutiveAnswersOnOneConnectionAreReadOneAtATime() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nxyz");
        ResponseReader.Response first = reader.read(false);
        assertEquals("ab", body(first));
        assertFalse(first.reusable(), "bytes after an answer that nobody asked for: the connection is not reused");
        ResponseReader.Response second = reader.read(false);
        assertEquals(404, second.status());
        assertEquals("xyz", body(second));
        assertTrue(second.reusable());
    }

    @Test
    void chunkedBodiesAreJoinedWithoutExtensionsOrTrailers() throws IOException {
        ResponseReader.Response response = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1A\r\n" + "x".repeat(26) + "\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertEquals("hello" + "x".repeat(26), body(response));
        assertTrue(response.reusable());
        assertTrue(names(response).contains("Transfer-Encoding"));
    }

    @Test
    void withoutFramingTheBodyRunsToTheEndOfTheConnection() throws IOException {
        ResponseReader.Response response = read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close");
        assertEquals("until close", body(response));
        assertFalse(response.reusable());
    }

    @Test
    void headAnswersAnd204And304HaveNoBodyWhateverTheyAnnounce() throws IOException {
        ResponseReader head = reader("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n");
        ResponseReader.Response response = head.read(true);
        assertEquals(0, response.body().length);
        assertTrue(response.reusable());
        assertEquals(0, read("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n").body().length);
        assertEquals(0, read("HTTP/1.1 304 Not Modified\r\n\r\n").body().length);
    }

    @Test
    void interimAnswersAreSkipped() throws IOException {
        ResponseReader.Response response = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
                + "Link: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nk");
        assertEquals(200, response.status());
        assertEquals(List.of("Content-Length"), names(response));
    }

    @Test
    void connectionCloseAndHttp10EndTheConnection() throws IOException {
        assertFalse(read("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n")
                .reusable());
        assertFalse(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").reusable());
        assertTrue(read("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").reusable());
    }

    @Test
    void lineFeedsAloneEndLinesAndValuesLoseTheirSurroundingWhitespace() throws IOException {
        ResponseReader.Response response = read("HTTP/1.1 200\nX-A: \t spaced \t\nContent-Length: 2\n\nok");
        assertEquals(200, response.status());
        assertEquals("spaced", response.headers().get(0).get());
        assertEquals("ok", body(response));
    }

    @Test
    void repeatedEqualLengthsAreOneLength() throws IOException {
        assertEquals("abc", body(read("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/2 200 OK\r\n\r\n",
        "\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX\u007fA: 1\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX A: 1\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\n\"X\": 1\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 0, 5\r\n\r\nabcde",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad\rCR: x\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\r\n folded\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A : a\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: nameless\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNo-Colon\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\u007fb\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8000000\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
    })
    void answersThatCannotBeFramedSafelyAreRefused(String wire) {
        assertThrows(ResponseReader.MalformedResponseException.class, () -> read(wire), wire);
    }

    @Test
    void aHeadLargerThanTheLimitIsRefusedWhetherInOneLineOrMany() {
        String longLine = "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(ResponseReader.MAX_HEAD) + "\r\n\r\n";
        assertThrows(ResponseReader.MalformedResponseException.class, () -> read(longLine));
        String manyLines = "HTTP/1.1 200 OK\r\n" + "X-Short: 0123456789\r\n".repeat(ResponseReader.MAX_HEAD / 20)
                + "\r\n";
        assertThrows(ResponseReader.MalformedResponseException.class, () -> read(manyLines));
        String justUnder = "HTTP/1.1 200 OK\r\n" + "X-Short: 0123456789\r\n".repeat(ResponseReader.MAX_HEAD / 22 - 2)
                + "Content-Length: 0\r\n\r\n";
        assertDoesNotFail(justUnder);
    }

    @Test
    void fieldNamesMayUseEveryTokenCharacterAndChunkSizesSevenDigits() throws IOException {
        ResponseReader.Response response = read("HTTP/1.1 200 OK\r\n!#$%&'*+-.^_`|~09azAZ: v\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0000005\r\nhello\r\n0\r\n\r\n");
        assertEquals("!#$%&'*+-.^_`|~09azAZ", response.headers().get(0).name());
        assertEquals("hello", body(response));
    }

    @Test
    void refusalsSayWhatWasWrong() {
        assertEquals("obsolete line folding", assertThrows(ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nX-A: a\r\n\tfolded\r\n\r\n")).getMessage());
        assertEquals("header field without a name", assertThrows(ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")).getMessage());
    }

    @Test
    void aHeadOfExactlyTheLimitIsReadAndALineLongerThanTheBufferIsNot() throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
        for (int i = 0; head.length() + 4000 < ResponseReader.MAX_HEAD; i++) {
            head.append("X-Pad-").append(i).append(": ").append("p".repeat(3980)).append("\r\n");
        }
        head.append("X-Last: ");
        head.append("p".repeat(ResponseReader.MAX_HEAD - head.length() - 4)).append("\r\n\r\n");
        assertEquals(ResponseReader.MAX_HEAD, head.length());
        assertEquals(200, read(head.toString()).status());
        head.insert(head.length() - 4, 'p');
        assertThrows(ResponseReader.MalformedResponseException.class, () -> read(head.toString()));
        String line = "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(8 * 1024) + "\r\nContent-Length: 0\r\n\r\n";
        assertThrows(ResponseReader.MalformedResponseException.class, () -> read(line));
    }

    /** Bodies of exactly the limit arrive, one byte more is refused, however they are framed. */
    @Test
    void theBodyLimitHoldsForEveryFraming() throws IOException {
        int max = ResponseReader.MAX_BODY;
        assertEquals(max, read(wire("HTTP/1.1 200 OK\r\nContent-Length: " + max + "\r\n\r\n", max, "")).length);
        assertEquals(max, read(wire("HTTP/1.1 200 OK\r\n\r\n", max, "")).length);
        assertThrows(ResponseReader.MalformedResponseException.class,
                () -> read(wire("HTTP/1.1 200 OK\r\n\r\n", max + 1, "")));
        String half = Integer.toHexString(max / 2);
        assertEquals(max, read(wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + half + "\r\n",
                max / 2, "\r\n" + half + "\r\n", max / 2, "\r\n0\r\n\r\n")).length);
        assertThrows(ResponseReader.MalformedResponseException.class, () -> read(wire(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + half + "\r\n", max / 2,
                "\r\n" + Integer.toHexString(max / 2 + 1) + "\r\n", max / 2 + 1, "\r\n0\r\n\r\n")));
    }

    /** Text parts with runs of {@code n} filler bytes between them: {@code text, n, text, n, ..., text}. */
    private static byte[] wire(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer n) {
                byte[] filler = new byte[n];
                java.util.Arrays.fill(filler, (byte) 'f');
                out.writeBytes(filler);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }

    private static byte[] read(byte[] wire) throws IOException {
        return new ResponseReader(new ByteArrayInputStream(wire)).read(false).body();
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() {
        assertThrows(ResponseReader.MalformedResponseException.class,
                () -> read("HTTP/1.1 200 OK\r\nContent-Length: " + (ResponseReader.MAX_BODY + 1) + "\r\n\r\n"));
    }

    @Test
    void aConnectionThatClosesEarlyIsAnEndOfStreamAndSaysWhetherAnythingArrived() {
        ResponseReader silent = reader("");
        assertThrows(EOFException.class, () -> silent.read(false));
        assertFalse(silent.receivedAny(), "nothing arrived: a reused connection users had closed");
        ResponseReader cut = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertThrows(EOFException.class, () -> cut.read(false));
        assertTrue(cut.receivedAny());
        assertThrows(EOFException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Le"));
    }

    @Test
    void bodiesLongerThanTheBufferArriveWhole() throws IOException {
        String big = "b".repeat(100_000);
        assertEquals(big, body(read("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + big)));
        assertEquals(big, body(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n186A0\r\n" + big
                + "\r\n0\r\n\r\n")));
        assertArrayEquals(big.getBytes(StandardCharsets.ISO_8859_1),
                read("HTTP/1.1 200 OK\r\n\r\n" + big).body());
    }

    private static void assertDoesNotFail(String wire) {
        try {
            assertEquals(200, read(wire).status());
        } catch (IOException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }
}
