package com.usersplatform.infra.cache;

import java.util.List;

/**
 * When the cache's CloudWatch alarms fire (evaluated per node over 5-minute periods).
 *
 * @param cpuPercent      {@code double}, default 75: {@code EngineCPUUtilization} average (Redis is single-threaded)
 * @param memoryPercent   {@code double}, default 80: {@code DatabaseMemoryUsagePercentage} average; the users data
 *                        must never be evicted, so memory pressure is alarmed long before it is full
 * @param evictions       {@code double}, default 0: {@code Evictions} sum; any eviction loses user data
 * @param connections     {@code double}, default 1000: {@code CurrConnections} maximum (pools are small; a jump
 *                        means a connection leak or a client storm)
 * @param alarmActionArns {@code List<String>}, default empty: SNS topics notified on alarm and on recovery
 */
public record CacheAlarmThresholds(double cpuPercent, double memoryPercent, double evictions, double connections,
                                   List<String> alarmActionArns) {

    /** The defaults above. */
    public static final CacheAlarmThresholds DEFAULTS = new CacheAlarmThresholds(75, 80, 0, 1000, List.of());

    public CacheAlarmThresholds {
        alarmActionArns = List.copyOf(alarmActionArns);
    }
}
