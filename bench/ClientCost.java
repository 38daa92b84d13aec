import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.usersplatform.gateway.upstream.UpstreamClient;
import com.usersplatform.gateway.upstream.UpstreamRequest;
import com.usersplatform.gateway.upstream.UpstreamSettings;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.opentelemetry.api.OpenTelemetry;

/**
 * CPU a forwarding client spends per GET, measured in its own JVM: 32 virtual threads send GET PATH to the users
 * service on 127.0.0.1:PORT for WARMUP + SECONDS; prints one JSON object with the requests per second and the
 * process's CPU microseconds per request over the last SECONDS. Modes:
 * - {@code gateway}: the gateway's own UpstreamClient (breaker, retry, span with a no-op tracer), as it forwards;
 * - {@code helidon}: Helidon's Http1Client, configured as the gateway had it (no proxy, no header validation);
 * - {@code socket}: the lower bound, one kept-alive socket per thread, Content-Length answers only.
 * Usage: java -cp gateway.jar:libs/* bench/ClientCost.java MODE PORT PATH WARMUP_S SECONDS
 */
public class ClientCost {
    private static final List<Header> HEADERS = List.of(
            HeaderValues.create(HeaderNames.create("X-Request-ID"), "0123456789abcdef0123456789abcdef"),
            HeaderValues.create(HeaderNames.X_FORWARDED_FOR, "127.0.0.1"),
            HeaderValues.create(HeaderNames.X_FORWARDED_PROTO, "http"),
            HeaderValues.create(HeaderNames.ACCEPT, "*/*"),
            HeaderValues.create(HeaderNames.create("traceparent"),
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"));

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Callable<Integer> get = switch (mode) {
            case "gateway" -> gateway(port, path);
            case "helidon" -> helidon(port, path);
            case "socket" -> socket(port, path);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        (get.call() == 200 ? ok : errors).incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(warmup * 1000L);
        long n0 = ok.get();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long n = ok.get() - n0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long elapsed = System.nanoTime() - t0;
        stop.set(true);
        System.out.printf("{\"mode\":\"%s\",\"rps\":%.0f,\"cpu_us_per_request\":%.1f,\"errors\":%d}%n",
                mode, n / (elapsed / 1e9), cpu / 1e3 / n, errors.get());
        System.exit(0);
    }

    private static Callable<Integer> gateway(int port, String path) {
        UpstreamClient client = new UpstreamClient("users", new UpstreamSettings(
                URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), Duration.ofSeconds(5), 3,
                Duration.ofMillis(10), 20, 5, 50f, Duration.ofSeconds(5)), (s, m, c, n) -> { },
                OpenTelemetry.noop());
        return () -> client.forward(new UpstreamRequest(Method.GET, path, UriQuery.empty(), HEADERS, new byte[0]))
                .status();
    }

    private static Callable<Integer> helidon(int port, String path) {
        Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(5)).followRedirects(false)
                .proxy(Proxy.noProxy())
                .protocolConfig(Http1ClientProtocolConfig.builder()
                        .validateRequestHeaders(false).validateResponseHeaders(false).build())
                .build();
        return () -> {
            Http1ClientRequest request = client.get(path);
            HEADERS.forEach(request::header);
            try (HttpClientResponse response = request.request();
                 InputStream in = response.inputStream()) {
                in.readNBytes((int) response.headers().contentLength().orElse(0));
                List<Header> copied = new ArrayList<>();
                response.headers().forEach(copied::add);
                return response.status().code();
            }
        };
    }

    private static Callable<Integer> socket(int port, String path) {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        HEADERS.forEach(h -> head.append(h.name()).append(": ").append(h.get()).append("\r\n"));
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        ThreadLocal<Socket> sockets = ThreadLocal.withInitial(() -> {
            try {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return () -> {
            Socket socket = sockets.get();
            OutputStream out = socket.getOutputStream();
            out.write(request);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int length = 0;
            int end = -1;
            while (end < 0) {
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    throw new EOFException();
                }
                length += read;
                for (int i = 3; i < length && end < 0; i++) {
                    if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                        end = i + 1;
                    }
                }
            }
            String text = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
            int bodyLength = 0;
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    bodyLength = Integer.parseInt(line.substring(15).strip());
                }
            }
            in.readNBytes(Math.max(0, bodyLength - (length - end)));
            return Integer.parseInt(text.substring(9, 12));
        };
    }
}
