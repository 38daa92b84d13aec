package com.usersplatform.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.usersplatform.gateway.Main;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A real gateway server on a free 127.0.0.1 port, configured through the same keys as production
 * ({@code application.yaml} underneath, test overrides on top), with an API-key file the test controls.
 */
public final class TestGateway implements AutoCloseable {
    /** The key every test gateway accepts at start. */
    public static final String KEY = "test-key-0123456789";

    private final Main.Running running;
    private final Path keysFile;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestGateway(Main.Running running, Path keysFile) {
        this.running = running;
        this.keysFile = keysFile;
    }

    /** Starts a gateway in front of {@code usersUrl}; {@code overrides} are config keys, e.g. rate.limit.rps. */
    public static TestGateway start(String usersUrl, Map<String, String> overrides) {
        return start(usersUrl, overrides, List.of());
    }

    /** As {@link #start(String, Map)}, also exporting every span to {@code spanExporters}. */
    public static TestGateway start(String usersUrl, Map<String, String> overrides,
                                    List<SpanExporter> spanExporters) {
        return start(usersUrl, overrides, "# test keys\n" + sha256Hex(KEY) + "\n", spanExporters);
    }

    /** As {@link #start(String, Map)} with {@code keyFileContent} as the API-key file. */
    public static TestGateway start(String usersUrl, Map<String, String> overrides, String keyFileContent) {
        return start(usersUrl, overrides, keyFileContent, List.of());
    }

    private static TestGateway start(String usersUrl, Map<String, String> overrides, String keyFileContent,
                                     List<SpanExporter> spanExporters) {
        try {
            Path keys = Files.createTempFile("gateway-keys", ".txt");
            Files.writeString(keys, keyFileContent);
            Map<String, String> settings = new HashMap<>(Map.of(
                    "server.port", "0",
                    "server.host", "127.0.0.1",
                    "server.shutdown-grace-period", "PT0.2S",
                    "users.url", usersUrl,
                    "api.keys.file", keys.toString(),
                    "api.keys.recheck.ms", "100",
                    "rate.limit.rps", "10000",
                    "rate.limit.burst", "10000"));
            settings.putAll(overrides);
            Config config = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml"))
                    .build();
            return new TestGateway(Main.start(config, spanExporters), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lowercase hex SHA-256, as in the key file. */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return running.server().port();
    }

    /** Exports every ended span now. */
    public void flushSpans() {
        running.tracing().flush();
    }

    public Path keysFile() {
        return keysFile;
    }

    /** Sends a request; {@code headers} are name/value pairs (a null value is left out); a null body sends none. */
    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        return sendTo(port(), method, path, body, headers);
    }

    /** As {@link #send}, to any server on 127.0.0.1. */
    public static HttpResponse<String> sendTo(int port, String method, String path, String body,
                                              String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #send} with the valid API key and a JSON content type. */
    public HttpResponse<String> api(String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "X-API-Key";
        all[1] = KEY;
        all[2] = "Content-Type";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return send(method, path, body, all);
    }

    @Override
    public void close() throws IOException {
        running.close();
        Files.deleteIfExists(keysFile);
    }
}
