package com.usersplatform.infra.observability;

import java.math.BigDecimal;
import java.math.MathContext;

/** PromQL expressions over the services' metrics (SPEC section 2), shared by the alerts and the dashboard. */
final class Promql {

    private Promql() {
    }

    /** Share of 5xx responses of a job over a window. */
    static String errorRatio(String namespace, String job, String window) {
        String selector = "namespace=\"" + namespace + "\",job=\"" + job + "\"";
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
