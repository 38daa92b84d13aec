package com.usersplatform.infra.autoscaling;

import com.pulumi.core.Output;
import com.usersplatform.infra.aws.AwsAccount;
import com.usersplatform.stacks.StackConfig;

import java.util.List;

/**
 * Inputs of {@link NodeAutoscaling}.
 *
 * @param stack            the validated stack config ({@code nodeAutoscaling}, {@code cluster})
 * @param account          account and region (scope the controller's policies)
 * @param clusterName      EKS cluster name
 * @param privateSubnetIds subnets Karpenter launches nodes in (the managed node group's)
 * @param securityGroupId  the EKS cluster security group, which the managed group's nodes carry
 */
public record NodeAutoscalingArgs(StackConfig stack, AwsAccount account, Output<String> clusterName,
                                  Output<List<String>> privateSubnetIds, Output<String> securityGroupId) {
}
