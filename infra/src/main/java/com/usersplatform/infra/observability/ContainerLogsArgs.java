package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

/**
 * Inputs of {@link ContainerLogs}.
 *
 * @param clusterName   EKS cluster name as the stack knows it (names the log group before the cluster exists)
 * @param cluster       {@code Output<String>}: the cluster's name as created (the add-on's cluster)
 * @param nodes         the node group: the add-on's DaemonSets need nodes to become ACTIVE
 * @param kmsKeyArn     the stack's key, which encrypts the log group
 * @param retentionDays retention of the log group, days (a CloudWatch Logs retention period)
 */
public record ContainerLogsArgs(String clusterName, Output<String> cluster, Resource nodes, Output<String> kmsKeyArn,
                                int retentionDays) {
}
