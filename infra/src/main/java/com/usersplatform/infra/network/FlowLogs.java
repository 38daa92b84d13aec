package com.usersplatform.infra.network;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.IamRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VPC flow logs of accepted and rejected traffic to a CloudWatch Logs group kept for the stack's retention and
 * encrypted with its key, delivered through a role the flow-logs service assumes.
 *
 * @see <a href="https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html">IAM role for publishing
 *      flow logs to CloudWatch Logs (trust vpc-flow-logs.amazonaws.com; the four logs actions)</a>
 * @see <a href="https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html">Flow logs to CloudWatch Logs</a>
 */
public final class FlowLogs extends ComponentResource {

    /**
     * @param name          logical name of the log group, role and flow log
     * @param logGroupName  name of the log group, e.g. {@code /aws/vpc/<prefix>/flow-logs}
     * @param vpcId         the VPC whose traffic is recorded
     * @param kmsKeyArn     the stack's key (its policy admits CloudWatch Logs)
     * @param retentionDays retention of the log group, days
     */
    public FlowLogs(String name, String logGroupName, Output<String> vpcId, Output<String> kmsKeyArn,
                    int retentionDays, ComponentResourceOptions options) {
        super("users-platform:network:FlowLogs", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var logGroup = new LogGroup(name, LogGroupArgs.builder()
                .name(logGroupName)
                .retentionInDays(retentionDays)
                .kmsKeyId(kmsKeyArn)
                .build(), child);
        var role = new IamRole(name, List.of("vpc-flow-logs.amazonaws.com"), List.of(), List.of(),
                new PolicyDocument().allow("DeliverToThisLogGroup", List.of("logs:CreateLogStream",
                                "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"),
                        List.of(logGroup.arn(), logGroup.arn().applyValue(arn -> arn + ":*"))),
                child);
        var waitFor = new ArrayList<com.pulumi.resources.Resource>(role.resources);
        waitFor.add(logGroup);
        new FlowLog(name, FlowLogArgs.builder()
                .vpcId(vpcId)
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(logGroup.arn())
                .iamRoleArn(role.arn)
                // 60 s instead of the default 600 s: records reach the log group within about a minute.
                .maxAggregationInterval(60)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(waitFor).build());
        registerOutputs(Map.of("logGroup", logGroup.name()));
    }
}
