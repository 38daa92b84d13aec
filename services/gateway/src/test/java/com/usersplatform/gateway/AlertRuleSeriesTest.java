package com.usersplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.usersplatform.gateway.testing.TestGateway;
import com.usersplatform.gateway.testing.TestUsers;
import com.usersplatform.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The synthetic series of the alert rule tests ({@code infra/src/test/resources/promtool/}, which promtool runs
 * against the rules the Pulumi program renders) are series the running services really expose: every metric name
 * and every label of a series with {@code job="gateway"} or {@code job="users"} appears in that service's
 * {@code /metrics}, and bucket bounds ({@code le}) are spelled exactly alike. A metric or label renamed or removed in
 * a service fails here, before an alert goes silently dead in production. {@code namespace} and {@code job} are
 * added by Prometheus (ServiceMonitor), not by the services.
 */
class AlertRuleSeriesTest {
    private static final Pattern SERIES = Pattern.compile("series: '([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}'");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");
    private static final List<String> ADDED_BY_PROMETHEUS = List.of("namespace", "job");

    record Series(String name, Map<String, String> labels) {
    }

    @Test
    void everySeriesTheRuleTestsUseIsExposedByItsService() throws Exception {
        List<Series> series = suiteSeries();
        assertTrue(series.stream().anyMatch(s -> "users".equals(s.labels().get("job"))), "users series in " + series);
        try (RedisServer redis = RedisServer.start();
             TestUsers users = TestUsers.start(redis, 0);
             TestGateway gateway = TestGateway.start(users.url(), Map.of())) {
            assertEquals(201, gateway.api("POST", "/api/users", "{\"name\":\"A\",\"email\":\"a@b.co\"}").statusCode());
            assertEquals(200, gateway.api("GET", "/api/users", null).statusCode());
            Map<String, String> exposition = Map.of(
                    "gateway", gateway.send("GET", "/metrics", null).body(),
                    "users", TestGateway.sendTo(users.port(), "GET", "/metrics", null).body());
            for (Series s : series) {
                String job = s.labels().get("job");
                if (job != null && exposition.containsKey(job)) {
                    assertExposed(s, exposition.get(job));
                }
            }
        }
    }

    private static void assertExposed(Series series, String exposition) {
        List<String> lines = exposition.lines().filter(l -> l.startsWith(series.name() + "{")).toList();
        assertFalse(lines.isEmpty(), series.name() + " not exposed by " + series.labels().get("job"));
        series.labels().forEach((label, value) -> {
            if (ADDED_BY_PROMETHEUS.contains(label)) {
                return;
            }
            String wanted = label.equals("le") ? label + "=\"" + value + "\"" : label + "=\"";
            assertTrue(lines.stream().anyMatch(l -> l.contains("{" + wanted) || l.contains("," + wanted)),
                    () -> series.name() + " has no " + wanted + " in " + lines);
        });
    }

    private static List<Series> suiteSeries() throws IOException {
        Path suites = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(suites.resolve("infra/src/test/resources/promtool"))) {
            suites = suites.getParent();
            assertTrue(suites != null, "infra/src/test/resources/promtool not found above the module");
        }
        List<Series> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(suites.resolve("infra/src/test/resources/promtool"))) {
            for (Path file : files.sorted().toList()) {
                Matcher m = SERIES.matcher(Files.readString(file));
                while (m.find()) {
                    Map<String, String> labels = new java.util.TreeMap<>();
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                    all.add(new Series(m.group(1), labels));
                }
            }
        }
        assertFalse(all.isEmpty(), "no series in the promtool suites");
        return all;
    }
}
