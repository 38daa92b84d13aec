package com.usersplatform.stacks;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Secrets Manager rotation schedule, parsed far enough to check AWS's bounds: {@code rate(N hours|days)} or
 * {@code cron(0 hours day-of-month month day-of-week *)}, at most every 4 hours, at most 999 days apart.
 * See https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
 *
 * @param shortestGapHours fewest hours between two rotations
 * @param latestStartHour the latest hour of the day a rotation window opens (the window must end by midnight)
 */
record RotationSchedule(int shortestGapHours, int latestStartHour) {

    static final int MIN_HOURS = 4;
    static final int MAX_DAYS = 999;

    private static final Pattern RATE = Pattern.compile("rate\\((\\d{1,4}) (hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern HOUR_TERM = Pattern.compile("(\\*|\\d{1,2}(?:-\\d{1,2})?)(?:/(\\d{1,2}))?");

    /** Parses {@code expression}; throws {@link IllegalArgumentException} naming the broken rule. */
    static RotationSchedule parse(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            int value = Integer.parseInt(rate.group(1));
            boolean hours = rate.group(2).startsWith("hour");
            if (hours && (value < MIN_HOURS || value > 23)) {
                throw new IllegalArgumentException("rate in hours must be 4 to 23 hours (AWS rotates at most every "
                        + "4 hours; use days for longer), got " + value);
            }
            if (!hours && (value < 1 || value > MAX_DAYS)) {
                throw new IllegalArgumentException("rate in days must be 1 to " + MAX_DAYS + " days, got " + value);
            }
            return new RotationSchedule(hours ? value : value * 24, 0);
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return parseCron(List.of(cron.group(1).trim().split("\\s+")));
        }
        throw new IllegalArgumentException("must be rate(N hours|days) or cron(0 H D M W *), e.g. rate(30 days)");
    }

    private static RotationSchedule parseCron(List<String> fields) {
        if (fields.size() != 6) {
            throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week "
                    + "year), got " + fields.size());
        }
        if (!fields.get(0).equals("0")) {
            throw new IllegalArgumentException("cron minutes must be 0 (rotation windows open on the hour)");
        }
        if (!fields.get(5).equals("*")) {
            throw new IllegalArgumentException("cron year must be *");
        }
        if (fields.get(2).equals("?") == fields.get(4).equals("?")) {
            throw new IllegalArgumentException("cron needs ? in exactly one of day-of-month and day-of-week");
        }
        TreeSet<Integer> hours = hours(fields.get(1));
        int gap = 24 - hours.last() + hours.first();
        Integer previous = null;
        for (int hour : hours) {
            if (previous != null) {
                gap = Math.min(gap, hour - previous);
            }
            previous = hour;
        }
        if (gap < MIN_HOURS) {
            throw new IllegalArgumentException("cron rotates every " + gap + " hours; AWS allows at most every "
                    + MIN_HOURS + " hours");
        }
        return new RotationSchedule(gap, hours.last());
    }

    /** Expands the hours field ({@code 4}, {@code 2,14}, {@code 0-12/6}, {@code 4/8}, {@code *}) to hours of the day. */
    private static TreeSet<Integer> hours(String field) {
        TreeSet<Integer> hours = new TreeSet<>();
        for (String term : field.split(",", -1)) {
            Matcher m = HOUR_TERM.matcher(term);
            if (!m.matches()) {
                throw new IllegalArgumentException("cron hours term '" + term + "' is not n, n-m, n/step or *");
            }
            String[] range = m.group(1).equals("*") ? new String[] {"0", "23"} : m.group(1).split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 || m.group(2) != null
                    ? Integer.parseInt(range.length > 1 ? range[1] : "23") : from;
            int step = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (from > 23 || to > 23 || from > to || step == 0) {
                throw new IllegalArgumentException("cron hours term '" + term + "' is outside 0-23");
            }
            for (int hour = from; hour <= to; hour += step) {
                hours.add(hour);
            }
        }
        return hours;
    }
}
