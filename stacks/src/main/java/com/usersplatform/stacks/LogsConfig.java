package com.usersplatform.stacks;

import java.util.List;
import java.util.Objects;

/**
 * Logs that outlive pods and nodes: container logs shipped to CloudWatch Logs, the EKS control-plane log types, and
 * how long they and the WAF's log of refused requests are kept (the log groups are encrypted with the stack's KMS
 * key).
 *
 * @param containerLogs ship every container's stdout/stderr to CloudWatch Logs (Amazon CloudWatch Observability
 *        add-on's Fluent Bit); false leaves them on the node only
 * @param retentionDays retention of the container, control-plane and WAF log groups, days; one of CloudWatch's values
 *        (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)
 * @param controlPlaneLogTypes EKS control-plane logs sent to CloudWatch: {@code api}, {@code audit},
 *        {@code authenticator}, {@code controllerManager}, {@code scheduler}; {@code audit} is required in production
 */
public record LogsConfig(boolean containerLogs, int retentionDays, List<String> controlPlaneLogTypes) {

    /** Defaults: container logs shipped, kept 30 days; api, audit and authenticator control-plane logs. */
    public static final LogsConfig DEFAULTS = new LogsConfig(true, 30, List.of("api", "audit", "authenticator"));

    public LogsConfig {
        controlPlaneLogTypes = List.copyOf(Objects.requireNonNull(controlPlaneLogTypes, "controlPlaneLogTypes"));
    }
}
