package com.usersplatform.infra.alerting;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.lambda.JavaFunctions;
import com.usersplatform.infra.security.IamRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.List;
import java.util.Map;

/**
 * Alerts into a chat channel: the relay function (module {@code chat-relay}) subscribed to the alert topic, which
 * posts each notification to the webhook URL it reads from a secret. A chat webhook cannot be subscribed to SNS
 * directly: SNS first posts a {@code SubscriptionConfirmation} whose {@code SubscribeURL} the endpoint must visit,
 * and sends nothing until it is confirmed; a chat webhook neither visits it nor reads SNS's envelope.
 * SNS invokes a Lambda subscriber without confirmation.
 *
 * @see <a href="https://docs.aws.amazon.com/sns/latest/dg/http-subscription-confirmation-json.html">SNS: HTTP/S
 *      subscription confirmation</a>
 * @see <a href="https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html">SNS: Lambda subscribers</a>
 */
public final class ChatRelay extends ComponentResource {

    /** Handler of the relay function (module {@code chat-relay}). */
    public static final String HANDLER = "com.usersplatform.chatrelay.RelayHandler::handleRequest";
    /** Environment variable the relay reads the secret's name from (the name only, never the URL). */
    public static final String SECRET_ID_VARIABLE = "WEBHOOK_SECRET_ID";
    /** A cold start (~2 s), one secret read and one post of at most 10 s fit with room to spare. */
    public static final int TIMEOUT_SECONDS = 30;

    /** ARN of the relay function. */
    public final Output<String> functionArn;

    public ChatRelay(String name, ChatRelayArgs args, ComponentResourceOptions options) {
        super("users-platform:alerting:ChatRelay", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var logGroup = new LogGroup(name, LogGroupArgs.builder()
                .name("/aws/lambda/" + args.functionName())
                .retentionInDays(args.logRetentionDays())
                .build(), child);
        var role = new IamRole(name, List.of("lambda.amazonaws.com"), List.of(), List.of(), new PolicyDocument()
                .allow("ReadTheWebhookSecret", List.of("secretsmanager:GetSecretValue"),
                        List.of(args.webhookSecretArn()))
                .allow("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(logGroup.arn().applyValue(arn -> arn + ":*"))), child);

        // Not in the VPC: it needs only the public chat endpoint and the Secrets Manager API.
        var function = new Function(name, JavaFunctions.args(args.functionName(),
                        "Relays the alert topic's notifications to the chat webhook", HANDLER, args.artifactPath(),
                        role.arn, TIMEOUT_SECONDS)
                .environment(FunctionEnvironmentArgs.builder()
                        .variables(Map.of(SECRET_ID_VARIABLE, args.webhookSecretName()))
                        .build())
                .build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(JavaFunctions.prerequisites(role, logGroup)).build());
        var invokePermission = JavaFunctions.invokableBy(name, function, "sns.amazonaws.com", args.topicArn(), child);
        // The first notification after subscribing must find the permission in place.
        new TopicSubscription(name, TopicSubscriptionArgs.builder()
                .topic(args.topicArn())
                .protocol("lambda")
                .endpoint(function.arn())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(invokePermission).build());

        // A failed post (after Lambda's two retries) is lost to the chat channel: the other subscribers hear of it.
        FunctionErrorsAlarm.create(name + "-errors", "Chat relay " + args.functionName()
                + " could not post alerts to the chat webhook", args.functionName(), args.topicArn(), child);

        this.functionArn = function.arn();
        registerOutputs(Map.of("functionArn", functionArn));
    }

    /**
     * The IAM resource for a secret known by name: Secrets Manager appends a hyphen and six random characters to
     * the name in the secret's ARN, matched by {@code -??????}.
     *
     * @see <a href="https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html">GetSecretValue:
     *      SecretId and the ARN's random suffix</a>
     */
    public static Output<String> secretArnPattern(Output<String> secretArnPrefix) {
        return secretArnPrefix.applyValue(prefix -> prefix + "-??????");
    }
}
