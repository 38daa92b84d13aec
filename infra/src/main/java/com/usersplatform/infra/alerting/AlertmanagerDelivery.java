package com.usersplatform.infra.alerting;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.PodIdentityRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.List;
import java.util.Map;

/**
 * What Alertmanager needs on the AWS side to deliver: a Pod Identity role for its service account that may publish
 * only to the alert topic and the heartbeat topic, the heartbeat topic itself, and the dead-man's switch: a CloudWatch
 * alarm that fires on the alert topic when Alertmanager stops publishing the always-firing {@code Watchdog} alert to
 * the heartbeat topic (Prometheus, Alertmanager or their delivery is down), so the silence of the in-cluster
 * alerting is itself alerted on from outside the cluster.
 */
public final class AlertmanagerDelivery extends ComponentResource {

    /** Namespace and service account of Alertmanager (kube-prometheus-stack's {@code alertmanager.serviceAccount.name}). */
    public static final String NAMESPACE = "monitoring";
    public static final String SERVICE_ACCOUNT = "alertmanager";
    /** How often the Watchdog is re-sent; the alarm tolerates {@link #MISSED_HEARTBEATS} missing periods. */
    public static final int HEARTBEAT_SECONDS = 300;
    static final int MISSED_HEARTBEATS = 3;

    /** The routing tree and receivers, for kube-prometheus-stack's {@code alertmanager.config}. */
    public final Output<Map<String, Object>> config;

    /**
     * @param clusterName the cluster whose Alertmanager publishes
     * @param region      the stack's region (SigV4 signing region of the SNS API)
     * @param alerts      the alert topic
     */
    public AlertmanagerDelivery(String name, Output<String> clusterName, String region, AlertTopic alerts,
                                ComponentResourceOptions options) {
        super("users-platform:alerting:AlertmanagerDelivery", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var heartbeat = new Topic(name + "-heartbeat", TopicArgs.builder()
                .name(alerts.topicName + "-heartbeat")
                .kmsMasterKeyId(alerts.keyArn)
                .build(), child);
        // SNS publishes NumberOfMessagesPublished per topic every 5 minutes:
        // https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html
        new MetricAlarm(name + "-dead-mans-switch", MetricAlarmArgs.builder()
                .alarmDescription("Alertmanager has not sent its Watchdog heartbeat for "
                        + MISSED_HEARTBEATS * HEARTBEAT_SECONDS / 60 + " minutes: in-cluster alerts are not delivered")
                .namespace("AWS/SNS")
                .metricName("NumberOfMessagesPublished")
                .dimensions(heartbeat.name().applyValue(topic -> Map.of("TopicName", topic)))
                .statistic("Sum")
                .period(HEARTBEAT_SECONDS)
                .evaluationPeriods(MISSED_HEARTBEATS)
                .comparisonOperator("LessThanThreshold")
                .threshold(1.0)
                // No data is exactly the failure this alarm exists for.
                .treatMissingData("breaching")
                .alarmActions(alerts.arn.applyValue(List::of))
                .okActions(alerts.arn.applyValue(List::of))
                .build(), child);

        new PodIdentityRole(name, clusterName, NAMESPACE, SERVICE_ACCOUNT, new PolicyDocument()
                        .allow("PublishAlerts", List.of("sns:Publish"), List.of(alerts.arn, heartbeat.arn()))
                        // Publishing to an encrypted topic needs the key (SNS encrypts on the publisher's behalf).
                        .allow("UseTheTopicsKey", List.of("kms:GenerateDataKey*", "kms:Decrypt"),
                                List.of(alerts.keyArn), Map.of("StringEquals", Map.of("kms:ViaService",
                                        "sns." + region + ".amazonaws.com"))),
                this, child);

        this.config = Output.tuple(alerts.arn, heartbeat.arn())
                .applyValue(t -> AlertmanagerConfig.of(region, t.t1, t.t2));
        registerOutputs(Map.of());
    }
}
