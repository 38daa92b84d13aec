package com.usersplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usersplatform.gateway.testing.FreePort;
import com.usersplatform.gateway.testing.TestGateway;
import com.usersplatform.gateway.testing.TestUsers;
import com.usersplatform.testing.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live test of the observability: Debian's Prometheus on loopback scrapes the running gateway and users (relabelled
 * like the cluster's ServiceMonitors, as {@code bin/local --observe} does) and evaluates the dev stack's rules, while
 * the test drives traffic — successes, 401, 413, 429, then Redis stopped (Redis errors, 5xx). Then every Prometheus
 * query of every dashboard panel must return data, and so must every recording rule and every series an alert
 * selects; a metric or label renamed in a service leaves a panel or rule empty and fails here.
 *
 * <p>The queries come from {@code infra/src/test/resources/observability/} ({@code panel-queries.json},
 * {@code rules.yaml}), generated from the Pulumi program and kept in sync by infra's {@code DashboardsTest}.
 * Skips, saying why, only where {@code prometheus} is not installed; CI installs it.
 */
class DashboardQueriesLiveTest {
    /**
     * Series that only exist in the cluster, excluded here: kube-state-metrics ({@code kube_*}: pods, deployments,
     * autoscalers, nodes). CloudWatch panels (ElastiCache, WAF) are not Prometheus queries and are not exported.
     */
    static final List<String> CLUSTER_ONLY = List.of("kube_");
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    /** A vector selector with matchers, or a recorded series (its name has a colon). */
    private static final Pattern SELECTOR =
            Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*\\{[^}]*}|[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void everyPanelAndRuleQueryReturnsDataAgainstTheRunningServices() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "prometheus not installed: apt-get install prometheus (CI installs it)");
        Path exported = exportDir();
        Map<String, String> panels = new TreeMap<>();
        JSON.readTree(exported.resolve("panel-queries.json").toFile()).fields()
                .forEachRemaining(e -> panels.put(e.getKey(), e.getValue().asText()));
        Files.copy(exported.resolve("rules.yaml"), dir.resolve("rules.yaml"));

        try (RedisServer redis = RedisServer.start();
             TestUsers users = TestUsers.startWithCredentials(redis, appUser(redis));
             TestGateway gateway = TestGateway.start(users.url(), Map.of(
                     "rate.limit.rps", "5", "rate.limit.burst", "40", "rate.limit.trusted.hops", "1"))) {
            int port = FreePort.find();
            Process prometheus = startPrometheus(port, gateway.port(), users.port());
            try {
                driveTraffic(gateway, redis);
                Map<String, String> queries = new LinkedHashMap<>();
                panels.forEach((panel, expr) -> {
                    if (!clusterOnly(expr)) {
                        queries.put("panel " + panel, expr);
                    }
                });
                queries.putAll(ruleQueries(port));
                assertTrue(queries.keySet().stream().anyMatch(k -> k.startsWith("recording rule")), queries.toString());
                Map<String, String> empty = new TreeMap<>(queries);
                for (int i = 0; i < 120 && !empty.isEmpty(); i++) {
                    Thread.sleep(500);
                    empty.keySet().removeIf(name -> hasData(port, empty.get(name)));
                }
                assertEquals(Map.of(), empty, "queries without data against the running services");
            } finally {
                prometheus.destroy();
                prometheus.waitFor();
            }
        }
    }

    /**
     * Users authenticates as an ACL user from a credentials file, as in the cluster (ElastiCache RBAC, the rotated
     * secret mounted as a file), so the credentials metrics exist as they do there.
     */
    private Path appUser(RedisServer redis) throws IOException {
        redis.command("ACL", "SETUSER", "users-app", "on", ">password-1", "~{users}:*", "-@all", "+@read", "+@write",
                "+@scripting", "+@connection", "-@dangerous");
        return Files.writeString(dir.resolve("redis-credentials.json"),
                "{\"username\":\"users-app\",\"password\":\"password-1\"}");
    }

    /** Successful calls, 404, 401, 429 (anonymous, one forwarded address), 413, then Redis stopped: 5xx. */
    private static void driveTraffic(TestGateway gateway, RedisServer redis) {
        for (int i = 0; i < 5; i++) {
            String body = "{\"name\":\"A" + i + "\",\"email\":\"a" + i + "@b.co\"}";
            assertEquals(201, gateway.api("POST", "/api/users", body).statusCode());
            assertEquals(200, gateway.api("GET", "/api/users", null).statusCode());
            gateway.api("GET", "/api/users/missing", null);
        }
        List<Integer> anonymous = new ArrayList<>();
        for (int i = 0; i < 60 && !anonymous.contains(429); i++) {
            anonymous.add(gateway.send("GET", "/api/users", null, "X-Forwarded-For", "198.51.100.9").statusCode());
        }
        assertTrue(anonymous.contains(401) && anonymous.contains(429), anonymous.toString());
        assertEquals(413, gateway.api("POST", "/api/users", "{\"name\":\"" + "x".repeat(20_000) + "\"}").statusCode());
        redis.stop();
        for (int i = 0; i < 5; i++) {
            int status = gateway.api("GET", "/api/users", null).statusCode();
            assertTrue(status >= 500, "Redis stopped: " + status);
        }
    }

    private Process startPrometheus(int port, int gatewayPort, int usersPort) throws Exception {
        String config = "global: {scrape_interval: 1s, evaluation_interval: 1s}\nrule_files: [rules.yaml]\n"
                + "scrape_configs:\n" + scrapeJob("gateway", gatewayPort) + scrapeJob("users", usersPort);
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Process process = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        for (int i = 0; i < 120; i++) {
            if (get(port, "/-/ready").map(r -> r.statusCode() == 200).orElse(false)) {
                return process;
            }
            assertTrue(process.isAlive(), () -> "prometheus exited: " + log());
            Thread.sleep(250);
        }
        throw new AssertionError("prometheus not ready in 30 s: " + log());
    }

    /** Relabelled as a ServiceMonitor target of the Service's "http" port, like bin/lib-observe.sh. */
    private static String scrapeJob(String job, int port) {
        return "  - job_name: " + job + "\n    static_configs: [{targets: [\"127.0.0.1:" + port + "\"]}]\n"
                + "    relabel_configs:\n"
                + "      - {target_label: namespace, replacement: users-platform}\n"
                + "      - {target_label: service, replacement: " + job + "}\n"
                + "      - {target_label: endpoint, replacement: http}\n"
                + "      - {target_label: pod, replacement: " + job + "-local}\n"
                + "      - {target_label: container, replacement: " + job + "}\n";
    }

    /**
     * The rules as Prometheus loaded them: each recording rule's query in full, each alert's selectors (an alert's
     * condition is rightly empty while healthy, the series it compares must not be). None may fail to evaluate.
     */
    private Map<String, String> ruleQueries(int port) throws IOException {
        JsonNode groups = JSON.readTree(get(port, "/api/v1/rules").orElseThrow().body()).at("/data/groups");
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                String query = rule.get("query").asText();
                // "unknown" until its first evaluation; "err" when Prometheus cannot evaluate it.
                assertTrue(!"err".equals(rule.get("health").asText()), rule.toString());
                if ("recording".equals(rule.get("type").asText())) {
                    queries.put("recording rule " + rule.get("name").asText(), query);
                    continue;
                }
                Matcher selectors = SELECTOR.matcher(query);
                while (selectors.find()) {
                    if (!clusterOnly(selectors.group())) {
                        queries.put("alert " + rule.get("name").asText() + " selects " + selectors.group(),
                                selectors.group());
                    }
                }
            }
        }
        assertTrue(queries.keySet().stream().anyMatch(k -> k.startsWith("alert")), queries.toString());
        return queries;
    }

    private static boolean clusterOnly(String expr) {
        return CLUSTER_ONLY.stream().anyMatch(expr::contains);
    }

    private static boolean hasData(int port, String query) {
        try {
            var response = get(port, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            return response.isPresent() && JSON.readTree(response.get().body()).at("/data/result").size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.Optional<HttpResponse<String>> get(int port, String path) {
        try {
            return java.util.Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path exportDir() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("infra/src/test/resources/observability"))) {
            root = root.getParent();
            assertTrue(root != null, "infra/src/test/resources/observability not found above the module");
        }
        return root.resolve("infra/src/test/resources/observability");
    }
}
