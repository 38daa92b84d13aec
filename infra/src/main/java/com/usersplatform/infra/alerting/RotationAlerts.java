package com.usersplatform.infra.alerting;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.json.StableJson;

import java.util.List;
import java.util.Map;

/**
 * Alerts on credential rotation: an alarm on the rotation function's {@code Errors} (any failed invocation, e.g. a
 * step that timed out) and an EventBridge rule on Secrets Manager's own verdict that a rotation failed, both to the
 * alert topic.
 */
public final class RotationAlerts extends ComponentResource {

    /**
     * Secrets Manager records these as CloudTrail events of its own ({@code RotationFailed}: a step failed;
     * {@code RotationAbandoned}: a rotation was dropped and its AWSPENDING version removed;
     * {@code TestRotationFailed}), which reach EventBridge as {@code AWS Service Event via CloudTrail}.
     *
     * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-cloudtrail.html">Secrets Manager events in CloudTrail</a>
     * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-eventbridge.html">Match Secrets Manager events with EventBridge</a>
     */
    static final List<String> FAILURE_EVENTS = List.of("RotationFailed", "RotationAbandoned", "TestRotationFailed");

    /**
     * @param functionName the rotation function
     * @param topicArn     where alarm, OK and failure notifications go
     */
    public RotationAlerts(String name, String functionName, Output<String> topicArn, ComponentResourceOptions options) {
        super("users-platform:alerting:RotationAlerts", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        FunctionErrorsAlarm.create(name + "-errors", "Rotation function " + functionName + " failed an invocation",
                functionName, topicArn, child);

        var rule = new EventRule(name + "-failed", EventRuleArgs.builder()
                .description("Secrets Manager reports a failed or abandoned rotation")
                .eventPattern(eventPattern())
                .build(), child);
        new EventTarget(name + "-failed", EventTargetArgs.builder()
                .rule(rule.name())
                .arn(topicArn)
                .build(), child);
        registerOutputs(Map.of());
    }

    static String eventPattern() {
        return StableJson.of(Map.of(
                "source", List.of("aws.secretsmanager"),
                "detail-type", List.of("AWS Service Event via CloudTrail"),
                "detail", Map.of("eventSource", List.of("secretsmanager.amazonaws.com"),
                        "eventName", FAILURE_EVENTS)));
    }
}
