package com.usersplatform.stacks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules of {@code users-platform:cache}. */
final class CacheRules {

    private static final String PATH = StackValidator.PREFIX + "cache";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern WINDOW = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern PARAMETER = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private CacheRules() {
    }

    static void check(CacheConfig cache, boolean production, Problems problems) {
        checkVersion(cache, problems);
        problems.check(InstanceTypes.isCacheNode(cache.nodeType()), PATH + ".nodeType",
                "must be an ElastiCache node type such as cache.t4g.small, got '" + cache.nodeType() + "'");
        problems.range(PATH + ".replicas", cache.replicas(), 0, 5);
        problems.check(!cache.automaticFailover() || cache.replicas() >= 1, PATH + ".automaticFailover",
                "needs at least 1 replica to fail over to (cache.replicas is 0)");
        problems.check(!cache.multiAz() || cache.automaticFailover(), PATH + ".multiAz",
                "needs automaticFailover: true (AWS requires it for Multi-AZ)");
        problems.check(!cache.multiAz() || cache.replicas() >= 1, PATH + ".multiAz",
                "needs at least 1 replica in another AZ (cache.replicas is 0)");
        problems.check(!production || cache.multiAz(), PATH + ".multiAz",
                "must be true in production (a Multi-AZ cache survives the loss of an AZ)");
        problems.range(PATH + ".snapshotRetentionDays", cache.snapshotRetentionDays(), 0, 35);
        problems.check(!production || cache.snapshotRetentionDays() >= 1, PATH + ".snapshotRetentionDays",
                "must be at least 1 in production (snapshots), got " + cache.snapshotRetentionDays());
        checkWindow(cache.snapshotWindow(), problems);
        cache.parameterOverrides().forEach((name, value) -> problems.check(
                PARAMETER.matcher(name).matches() && !value.isBlank(), PATH + ".parameterOverrides." + name,
                "must be an engine parameter name (lower-case, e.g. maxmemory-policy) with a non-empty value"));
    }

    private static void checkVersion(CacheConfig cache, Problems problems) {
        Matcher version = VERSION.matcher(cache.engineVersion());
        if (!version.matches()) {
            problems.rule(PATH + ".engineVersion", "must be major.minor such as 8.0, got '" + cache.engineVersion() + "'");
            return;
        }
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        boolean supported = cache.engine() == CacheEngine.VALKEY ? major > 7 || (major == 7 && minor >= 2) : major >= 6;
        problems.check(supported, PATH + ".engineVersion", cache.engine() == CacheEngine.VALKEY
                ? "valkey must be 7.2 or newer, got " + cache.engineVersion()
                : "redis must be 6.0 or newer (RBAC users need it), got " + cache.engineVersion());
    }

    private static void checkWindow(String window, Problems problems) {
        Matcher m = WINDOW.matcher(window);
        if (!m.matches()) {
            problems.rule(PATH + ".snapshotWindow", "must be hh:mm-hh:mm in UTC, e.g. 03:00-04:00, got '" + window + "'");
            return;
        }
        int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        int minutes = Math.floorMod(end - start, 24 * 60);
        problems.check(minutes >= 60, PATH + ".snapshotWindow", "must last at least 60 minutes, got " + minutes);
    }
}
