package com.usersplatform.infra.alerting;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/** An alarm on any failed invocation of a Lambda function that runs only on demand, reported to the alert topic. */
final class FunctionErrorsAlarm {

    private FunctionErrorsAlarm() {
    }

    /**
     * Lambda publishes {@code Errors} per function in {@code AWS/Lambda}
     * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html). The functions here run only when
     * there is work (a rotation, a notification): no data means no invocation, not a failure.
     */
    static MetricAlarm create(String name, String description, String functionName, Output<String> topicArn,
                              CustomResourceOptions options) {
        return new MetricAlarm(name, MetricAlarmArgs.builder()
                .alarmDescription(description)
                .namespace("AWS/Lambda")
                .metricName("Errors")
                .dimensions(Map.of("FunctionName", functionName))
                .statistic("Sum")
                .period(300)
                .evaluationPeriods(1)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0.0)
                .treatMissingData("notBreaching")
                .alarmActions(topicArn.applyValue(List::of))
                .okActions(topicArn.applyValue(List::of))
                .build(), options);
    }
}
