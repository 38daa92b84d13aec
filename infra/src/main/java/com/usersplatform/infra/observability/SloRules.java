package com.usersplatform.infra.observability;

import com.usersplatform.stacks.SloConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multiwindow, multi-burn-rate alerts on the API's SLOs, after the Google SRE workbook, chapter 5 "Alerting on
 * SLOs" (https://sre.google/workbook/alerting-on-slos/, "6: Multiwindow, Multi-Burn-Rate Alerts"): page when 2% of
 * the budget burns within 1 h (checked again over 5 m, so the alert resets soon after the burn stops), ticket when
 * 5% burns within 6 h (over 30 m) or 10% within 3 d (over 6 h). For a 30-day window those are burn rates of 14.4, 6
 * and 1. Recording rules compute each window's error ratio once, so the alerts are cheap.
 */
final class SloRules {
    static final String AVAILABILITY_ALERT = "SloErrorBudgetBurn";
    static final String LATENCY_ALERT = "SloLatencyBudgetBurn";
    static final String PAGE = "page";
    static final String TICKET = "ticket";
    /** Recording rule names: level:metric:operations, https://prometheus.io/docs/practices/rules/#naming */
    static final String ERRORS = "gateway:http_requests_errors:ratio_rate";
    static final String SLOW = "gateway:http_requests_slow:ratio_rate";

    /** One alerting condition: the budget share that burns within the long window, both windows, the severity. */
    record Burn(double budgetShare, String longWindow, double longHours, String shortWindow, String severity) {
        /** The burn rate that spends {@code budgetShare} of a {@code windowDays} budget in the long window. */
        double rate(int windowDays) {
            return budgetShare * windowDays * 24 / longHours;
        }
    }

    static final List<Burn> BURNS = List.of(
            new Burn(0.02, "1h", 1, "5m", PAGE),
            new Burn(0.05, "6h", 6, "30m", TICKET),
            new Burn(0.10, "3d", 72, "6h", TICKET));
    private static final List<String> WINDOWS = List.of("5m", "30m", "1h", "6h", "3d");

    private SloRules() {
    }

    /** The recording rules: the share of 5xx and of slow API requests (the gateway's /api routes) over each window. */
    static List<Map<String, Object>> recordings(String ns, SloConfig slo) {
        String selector = Promql.apiRequests(ns);
        // The Java client writes bucket bounds with Double.toString (0.25, 1.0), so le must be spelled that way.
        String le = Double.toString(slo.latencyThresholdMs() / 1000);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String w : WINDOWS) {
            rules.add(Map.of("record", ERRORS + w, "expr", Promql.errorRatio(selector, w)));
            rules.add(Map.of("record", SLOW + w, "expr",
                    "1 - sum(rate(http_request_duration_seconds_bucket{" + selector + ",le=\"" + le + "\"}[" + w + "]))"
                            + " / sum(rate(http_request_duration_seconds_count{" + selector + "}[" + w + "]))"));
        }
        return rules;
    }

    /** The page and ticket alerts of both objectives. */
    static List<Map<String, Object>> alerts(SloConfig slo) {
        List<Map<String, Object>> rules = new ArrayList<>();
        String availability = Promql.number(slo.availabilityPercent()) + "% of requests without a 5xx";
        String latency = Promql.number(slo.latencyPercent()) + "% of requests within "
                + Promql.number(slo.latencyThresholdMs()) + " ms";
        for (String severity : List.of(PAGE, TICKET)) {
            rules.add(alert(AVAILABILITY_ALERT, ERRORS, 1 - slo.availabilityPercent() / 100, availability, severity, slo));
            rules.add(alert(LATENCY_ALERT, SLOW, 1 - slo.latencyPercent() / 100, latency, severity, slo));
        }
        return rules;
    }

    private static Map<String, Object> alert(String name, String ratio, double budget, String objective,
                                             String severity, SloConfig slo) {
        List<String> conditions = new ArrayList<>();
        List<String> rates = new ArrayList<>();
        for (Burn burn : BURNS) {
            if (burn.severity().equals(severity)) {
                String limit = Promql.number(burn.rate(slo.windowDays()) * budget);
                conditions.add("(" + ratio + burn.longWindow() + " > " + limit + " and " + ratio + burn.shortWindow()
                        + " > " + limit + ")");
                rates.add(Promql.number(burn.rate(slo.windowDays())) + "x over " + burn.longWindow());
            }
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", name);
        rule.put("expr", String.join(" or ", conditions));
        // The workbook's 5-minute short window already filters blips; a "for" would only delay the page.
        rule.put("labels", Map.of("severity", severity));
        rule.put("annotations", AlertRules.annotations(name, "The API burns the " + slo.windowDays()
                + "-day error budget of its objective (" + objective + ") at " + String.join(" or ", rates)));
        return rule;
    }
}
