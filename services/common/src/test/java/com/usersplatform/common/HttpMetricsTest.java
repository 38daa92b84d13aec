package com.usersplatform.common;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text exposition of a service's registry: request series, own series, text gauges and JVM metrics. */
class HttpMetricsTest {

    private static String scrape(HttpMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void recordsCountAndDurationPerMethodRouteAndStatus() throws Exception {
        HttpMetrics metrics = new HttpMetrics();
        metrics.recordRequest("GET", "/users/{id}", 200, 0.25);
        metrics.recordRequest("GET", "/users/{id}", 200, 0.5);
        String text = scrape(metrics);
        String labels = "{method=\"GET\",route=\"/users/{id}\",status_code=\"200\"}";
        assertTrue(text.contains("http_requests_total" + labels + " 2.0"), text);
        assertTrue(text.contains("http_request_duration_seconds_count" + labels + " 2"), text);
        assertTrue(text.contains("http_request_duration_seconds_sum" + labels + " 0.75"), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics registered");
    }

    @Test
    void servicesAddTheirOwnSeriesAndTextGauges() throws Exception {
        HttpMetrics metrics = new HttpMetrics();
        Counter.builder().name("logins_total").help("Logins").register(metrics.registry()).inc(3);
        metrics.addTextGauge("users_total", "Users stored", () -> 12);
        String text = scrape(metrics);
        assertTrue(text.contains("logins_total 3.0"), text);
        assertTrue(text.contains("# HELP users_total Users stored\n# TYPE users_total gauge\nusers_total 12.0\n"), text);
    }

    @Test
    void refusesGaugeNamesAndHelpThatWouldBreakTheFormat() {
        HttpMetrics metrics = new HttpMetrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.addTextGauge("users total", "x", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.addTextGauge("1users", "x", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.addTextGauge("users", "a\nb", () -> 1));
    }
}
