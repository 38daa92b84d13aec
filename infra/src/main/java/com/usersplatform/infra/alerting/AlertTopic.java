package com.usersplatform.infra.alerting;

import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;

/**
 * The stack's alert topic: every CloudWatch alarm (alarm and OK actions), the rotation-failure rule and Alertmanager
 * publish here, and the stack's subscriptions receive it (a chat channel through {@link ChatRelay}). Encrypted with a key of its own whose policy lets CloudWatch
 * and EventBridge use it: an encrypted topic silently drops what those services publish unless the key policy admits
 * them, and the AWS-managed {@code alias/aws/sns} key cannot be given that access.
 *
 * @see <a href="https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services">SNS
 *      encryption: compatibility with event sources from AWS services</a>
 */
public final class AlertTopic extends ComponentResource {

    /** Services that publish to the topic: CloudWatch alarms and EventBridge rules. */
    static final List<String> PUBLISHERS = List.of("cloudwatch.amazonaws.com", "events.amazonaws.com");

    /** ARN of the topic, for alarm actions, rule targets and the publishers' IAM policies. */
    public final Output<String> arn;
    /** Name of the topic. */
    public final String topicName;
    /** ARN of the topic's key (publishers other than the AWS services need kms:GenerateDataKey and kms:Decrypt). */
    public final Output<String> keyArn;

    public AlertTopic(String name, AlertTopicArgs args, ComponentResourceOptions options) {
        super("users-platform:alerting:AlertTopic", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var key = new Key(name, KeyArgs.builder()
                .description("Alert topic " + args.topicName())
                .enableKeyRotation(true)
                .deletionWindowInDays(args.deletionWindowDays())
                .policy(args.accountRootPrincipal().applyValue(AlertTopic::keyPolicy))
                .build(), child);
        var topic = new Topic(name, TopicArgs.builder()
                .name(args.topicName())
                .kmsMasterKeyId(key.arn())
                .build(), child);
        new TopicPolicy(name, TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(Output.tuple(topic.arn(), args.accountId()).applyValue(t -> topicPolicy(t.t1, t.t2)))
                .build(), child);

        for (int i = 0; i < args.emailEndpoints().size(); i++) {
            subscribe(name + "-email-" + i, topic, "email", Output.of(args.emailEndpoints().get(i)));
        }
        for (int i = 0; i < args.httpsEndpoints().size(); i++) {
            subscribe(name + "-https-" + i, topic, "https", Output.of(args.httpsEndpoints().get(i)));
        }


        this.topicName = args.topicName();
        this.arn = topic.arn();
        this.keyArn = key.arn();
        registerOutputs(Map.of("arn", arn, "keyArn", keyArn));
    }

    private void subscribe(String name, Topic topic, String protocol, Output<String> endpoint) {
        new TopicSubscription(name, TopicSubscriptionArgs.builder()
                .topic(topic.arn())
                .protocol(protocol)
                .endpoint(endpoint)
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    /**
     * The account administers the key through IAM; CloudWatch and EventBridge may use it to publish. No source
     * conditions on the service grants: EventBridge's KMS requests do not carry {@code aws:SourceArn} or
     * {@code aws:SourceAccount} (same SNS page), and the topic policy already limits who may publish.
     */
    static String keyPolicy(String accountRoot) {
        return StableJson.of(Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Sid", "DelegateToAccountIam", "Effect", "Allow", "Principal", Map.of("AWS", accountRoot),
                        "Action", "kms:*", "Resource", "*"),
                Map.of("Sid", "AlarmAndEventPublishers", "Effect", "Allow",
                        "Principal", Map.of("Service", PUBLISHERS),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"), "Resource", "*"))));
    }

    /**
     * CloudWatch alarms and EventBridge rules of this account may publish (a topic policy replaces the default one,
     * which admits only the owner's IAM principals; those keep access through their identity policies).
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html">CloudWatch: alarm notifications through SNS</a>
     * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions">EventBridge: SNS permissions</a>
     */
    static String topicPolicy(String topicArn, String accountId) {
        return StableJson.of(Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Sid", "AlarmAndEventPublishers", "Effect", "Allow",
                        "Principal", Map.of("Service", PUBLISHERS),
                        "Action", "sns:Publish", "Resource", topicArn,
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", accountId))))));
    }
}
