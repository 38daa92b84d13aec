package com.usersplatform.infra.cache;

import com.pulumi.core.Output;

import java.util.List;

/**
 * When the cache's CloudWatch alarms fire (evaluated per node over 5-minute periods), and whom they notify.
 *
 * <p>No alarm on {@code Evictions}: under {@code maxmemory-policy noeviction} Redis never evicts, it refuses writes
 * with an OOM error once used memory reaches {@code maxmemory}. What can fire is memory approaching that limit:
 * {@code DatabaseMemoryUsagePercentage} is used memory as a percentage of {@code maxmemory}
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html). ElastiCache publishes no
 * count of refused writes; those surface as the users service's 5xx (the API error-rate alert).
 *
 * @param cpuPercent        {@code double}, default 75: {@code EngineCPUUtilization} average (Redis is single-threaded)
 * @param memoryPercent     {@code double}, default 80: {@code DatabaseMemoryUsagePercentage} average; early warning
 * @param memoryFullPercent {@code double}, from the stack: {@code DatabaseMemoryUsagePercentage} maximum; writes are
 *                          about to be refused
 * @param connections       {@code double}, default 1000: {@code CurrConnections} maximum (pools are small; a jump
 *                          means a connection leak or a client storm)
 * @param alarmActions      {@code Output<List<String>>}, required: SNS topics notified on alarm and on recovery
 */
public record CacheAlarmThresholds(double cpuPercent, double memoryPercent, double memoryFullPercent,
                                   double connections, Output<List<String>> alarmActions) {

    /** The defaults above, with the stack's memory-full threshold and alert topic. */
    public static CacheAlarmThresholds defaults(double memoryFullPercent, Output<String> topicArn) {
        return new CacheAlarmThresholds(75, 80, memoryFullPercent, 1000, topicArn.applyValue(List::of));
    }
}
