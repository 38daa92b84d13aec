package com.usersplatform.stacks;

import java.util.List;

/**
 * The retention periods CloudWatch Logs accepts (any other value is refused by PutRetentionPolicy):
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
final class LogRetention {
    static final List<Integer> DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);

    private LogRetention() {
    }

    static void check(String path, int days, Problems problems) {
        problems.check(DAYS.contains(days), path, "must be one of CloudWatch Logs' retention periods " + DAYS
                + ", got " + days);
    }
}
