package com.usersplatform.common;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: every series of an {@link HttpMetrics} registry in the Prometheus text format, or in
 * OpenMetrics (with trace-id exemplars) when the scraper's {@code Accept} header asks for it.
 */
public final class MetricsService implements HttpService {
    private final HttpMetrics metrics;

    /** Exposes {@code metrics}. */
    public MetricsService(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scrape).any("/", ApiErrors.methodNotAllowed(Method.GET));
    }

    private void scrape(ServerRequest req, ServerResponse res) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        if (HttpMetrics.acceptsOpenMetrics(req.headers().first(HeaderNames.ACCEPT).orElse(null))) {
            metrics.writeOpenMetrics(out);
            res.header(HeaderNames.CONTENT_TYPE, HttpMetrics.openMetricsContentType());
        } else {
            metrics.writeText(out);
            res.header(HeaderNames.CONTENT_TYPE, HttpMetrics.textContentType());
        }
        res.send(out.toByteArray());
    }
}
