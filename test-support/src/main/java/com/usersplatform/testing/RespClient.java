package com.usersplatform.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A minimal RESP2 client: one connection, one command, for test setup (ACL SETUSER, PING, DBSIZE...). */
final class RespClient {
    private static final int TIMEOUT_MS = 2_000;

    private RespClient() {
    }

    /**
     * Sends one command and returns its reply: String (simple/bulk), Long (integer), List (array) or null.
     *
     * @throws RedisServer.CommandException when Redis answers with an error
     * @throws IOException                  when the connection fails
     */
    static Object call(String host, int port, SSLContext tls, String... args) throws IOException {
        try (Socket socket = open(host, port, tls)) {
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Socket open(String host, int port, SSLContext tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            plain.setSoTimeout(TIMEOUT_MS);
            if (tls == null) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            secure.startHandshake();
            return secure;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    private static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            int length = arg.getBytes(StandardCharsets.UTF_8).length;
            sb.append('$').append(length).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RedisServer.CommandException(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(in, Integer.parseInt(line));
            case '*' -> array(in, Integer.parseInt(line));
            case -1 -> throw new EOFException("Redis closed the connection");
            default -> throw new IOException("Unexpected RESP type " + (char) type);
        };
    }

    private static String bulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length + 2);
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private static List<Object> array(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(read(in));
        }
        return items;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b == -1) {
                return "";
            }
            buf.write(b);
        }
        in.read();
        return buf.toString(StandardCharsets.UTF_8);
    }
}
