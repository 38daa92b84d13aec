import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in OTLP/HTTP collector for the tracing overhead benchmark: accepts every POST to /v1/traces with 200 and
 * an empty body (an empty ExportTraceServiceResponse, https://opentelemetry.io/docs/specs/otlp/#otlphttp-response),
 * so the services pay the full export cost. GET /stats prints "requests bytes". Run: java bench/OtlpSink.java PORT
 */
public final class OtlpSink {
    public static void main(String[] args) throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bytes.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
            }
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/stats", exchange -> {
            byte[] body = (requests.get() + " " + bytes.get() + "\n").getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }
}
