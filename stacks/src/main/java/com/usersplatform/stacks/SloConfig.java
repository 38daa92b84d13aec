package com.usersplatform.stacks;

/**
 * The API's service level objectives, measured at the gateway over a rolling window; the burn-rate alerts
 * ({@code SloErrorBudgetBurn}, {@code SloLatencyBudgetBurn}) are generated from them.
 *
 * @param availabilityPercent share of requests answered without a 5xx, percent (90 to 100 exclusive)
 * @param latencyPercent share of requests answered within {@code latencyThresholdMs}, percent (90 to 100 exclusive)
 * @param latencyThresholdMs the latency objective's bound, ms; one of the services' histogram bucket bounds (1, 2.5,
 *        5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000) so it is measured exactly
 * @param windowDays the objectives' rolling window, days (7 to 90)
 */
public record SloConfig(double availabilityPercent, double latencyPercent, double latencyThresholdMs, int windowDays) {

    /** Defaults: 99.9% of requests non-5xx and 99% within 250 ms, over 30 days. */
    public static final SloConfig DEFAULTS = new SloConfig(99.9, 99.0, 250, 30);
}
