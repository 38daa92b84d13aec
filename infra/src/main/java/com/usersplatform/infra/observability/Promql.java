package com.usersplatform.infra.observability;

import java.math.BigDecimal;
import java.math.MathContext;

/** PromQL expressions over the services' metrics (docs/services.md), shared by the alerts and the dashboards. */
final class Promql {

    private Promql() {
    }

    /**
     * The API's requests as clients make them: the gateway's {@code /api} routes only. The objectives and the error
     * alert count these; probes ({@code /health/*}) and scrapes ({@code /metrics}) would otherwise dilute a burst of
     * API failures at low traffic.
     */
    static String apiRequests(String namespace) {
        return job(namespace, "gateway") + ",route=~\"/api/.+\"";
    }

    /** Every series of one job (a Service) in the namespace. */
    static String job(String namespace, String job) {
        return "namespace=\"" + namespace + "\",job=\"" + job + "\"";
    }

    /** Share of 5xx responses among the requests {@code selector} picks, over a window. */
    static String errorRatio(String selector, String window) {
        return "sum(rate(http_requests_total{" + selector + ",status_code=~\"5..\"}[" + window + "]))"
                + " / sum(rate(http_requests_total{" + selector + "}[" + window + "]))";
    }

    /** A quantile of a histogram, grouped by {@code by} (plus {@code le}). */
    static String quantile(double q, String histogram, String selector, String by) {
        String grouping = by.isEmpty() ? "le" : by + ", le";
        return "histogram_quantile(" + number(q) + ", sum by (" + grouping + ") (rate(" + histogram + "_bucket{"
                + selector + "}[5m])))";
    }

    /**
     * A number rounded to 6 significant digits (hides binary noise such as 14.4 * 0.0005 = 0.0071999...), without
     * trailing zeros or exponent, so expressions read well and render identically every time.
     */
    static String number(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
