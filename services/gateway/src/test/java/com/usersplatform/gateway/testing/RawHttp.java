package com.usersplatform.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes exactly as given (request line, headers, body) and returns the response status: for requests that
 * {@code java.net.http} would refuse or normalise (odd paths, odd headers, lying lengths).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * @return the status code of the response, or -1 when the server closed the connection without one
     */
    public static int status(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            while (true) {
                String statusLine = readLine(in);
                if (!statusLine.startsWith("HTTP/1.1 ")) {
                    return -1;
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                if (status >= 200) {
                    return status;
                }
                while (!readLine(in).isEmpty()) {
                    // skip the headers of an interim (1xx) response
                }
            }
        } catch (java.net.SocketException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole response (status line, headers, body) as text, read until the server closes or goes quiet. */
    public static String response(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(out);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // whatever arrived is the answer
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while (out.size() < 8192 && (b = in.read()) != -1 && b != '\n') {
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
