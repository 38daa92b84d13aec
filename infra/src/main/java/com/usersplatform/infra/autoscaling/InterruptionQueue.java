package com.usersplatform.infra.autoscaling;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.usersplatform.infra.json.StableJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQS queue Karpenter reads EC2 interruption events from (it drains a node before spot reclaims it or AWS retires
 * it), fed by EventBridge rules. Mirrors {@code KarpenterInterruptionQueue}, its queue policy and the five rules of
 * Karpenter's getting-started CloudFormation template at the pinned version:
 * https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml
 */
final class InterruptionQueue {

    /** EventBridge detail types Karpenter handles, by rule name (source {@code aws.ec2} unless noted). */
    static final Map<String, List<String>> RULES = Map.of(
            "scheduled-change", List.of("aws.health", "AWS Health Event"),
            "spot-interruption", List.of("aws.ec2", "EC2 Spot Instance Interruption Warning"),
            "rebalance", List.of("aws.ec2", "EC2 Instance Rebalance Recommendation"),
            "instance-state-change", List.of("aws.ec2", "EC2 Instance State-change Notification"),
            "capacity-reservation-interruption",
            List.of("aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning"));

    /** Queue name (Karpenter's {@code settings.interruptionQueue}). */
    final Output<String> name;
    final Output<String> arn;
    /** The queue, its policy and every rule target: the controller waits for them. */
    final List<Resource> resources;

    InterruptionQueue(String name, String queueName, CustomResourceOptions child) {
        var queue = new Queue(name, QueueArgs.builder()
                .name(queueName)
                // Interruption notices matter for two minutes at most (the template keeps them 300 s).
                .messageRetentionSeconds(300)
                .sqsManagedSseEnabled(true)
                .build(), child);
        var policy = new QueuePolicy(name, QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(queue.arn().applyValue(InterruptionQueue::policy))
                .build(), child);
        List<Resource> all = new ArrayList<>(List.of(queue, policy));
        RULES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(rule -> {
            var eventRule = new EventRule(name + "-" + rule.getKey(), EventRuleArgs.builder()
                    .description("Karpenter: " + rule.getValue().get(1))
                    .eventPattern(StableJson.of(Map.of("source", List.of(rule.getValue().get(0)),
                            "detail-type", List.of(rule.getValue().get(1)))))
                    .build(), child);
            all.add(new EventTarget(name + "-" + rule.getKey(), EventTargetArgs.builder()
                    .rule(eventRule.name())
                    .targetId("KarpenterInterruptionQueueTarget")
                    .arn(queue.arn())
                    .build(), child));
        });
        this.name = queue.name();
        this.arn = queue.arn();
        this.resources = List.copyOf(all);
    }

    /** EventBridge (and SQS) may send to the queue; nothing may use it over plain HTTP (the template's policy). */
    static String policy(String queueArn) {
        return StableJson.of(Map.of("Version", "2012-10-17", "Id", "EC2InterruptionPolicy", "Statement", List.of(
                Map.of("Effect", "Allow",
                        "Principal", Map.of("Service", List.of("events.amazonaws.com", "sqs.amazonaws.com")),
                        "Action", "sqs:SendMessage", "Resource", queueArn),
                Map.of("Sid", "DenyHTTP", "Effect", "Deny", "Action", "sqs:*", "Resource", queueArn,
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")), "Principal", "*"))));
    }
}
