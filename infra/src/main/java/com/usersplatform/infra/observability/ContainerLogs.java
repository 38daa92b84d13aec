package com.usersplatform.infra.observability;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.inputs.AddonPodIdentityAssociationArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.IamRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Container logs shipped off the nodes: the Amazon CloudWatch Observability EKS add-on (its Fluent Bit DaemonSet
 * sends every container's output to {@code /aws/containerinsights/<cluster>/application}) with its own Pod Identity
 * role, and that log group created first with the stack's retention and KMS key, so Fluent Bit finds it instead of
 * creating one that is kept forever and unencrypted.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html">
 *      Add-on with Pod Identity: CloudWatchAgentServerPolicy, service account cloudwatch-agent (add-on 3.1.0+)</a>
 * @see <a href="https://github.com/aws-observability/helm-charts/blob/main/charts/amazon-cloudwatch-observability/templates/linux/fluent-bit-daemonset.yaml">
 *      Fluent Bit runs as the cloudwatch-agent service account, so one association covers it</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-logs-FluentBit.html">
 *      log group names</a>
 */
public final class ContainerLogs extends ComponentResource {
    /** The service account the add-on's agent and Fluent Bit run as. */
    public static final String SERVICE_ACCOUNT = "cloudwatch-agent";

    public ContainerLogs(String name, ContainerLogsArgs args, ComponentResourceOptions options) {
        super("users-platform:observability:ContainerLogs", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var logGroup = new LogGroup(name + "-application", LogGroupArgs.builder()
                .name("/aws/containerinsights/" + args.clusterName() + "/application")
                .retentionInDays(args.retentionDays())
                .kmsKeyId(args.kmsKeyArn())
                .build(), child);
        var role = new IamRole(name, List.of("pods.eks.amazonaws.com"), List.of("sts:TagSession"),
                List.of("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"), null, child);
        var waitFor = new ArrayList<>(role.resources);
        waitFor.add(logGroup);
        waitFor.add(args.nodes());
        new Addon(name, AddonArgs.builder()
                .clusterName(args.cluster())
                .addonName("amazon-cloudwatch-observability")
                // Logs only: Container Insights metrics and Application Signals are billed per observation and
                // request; Prometheus already holds the metrics. Keys of the add-on's configuration schema:
                // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html
                .configurationValues("{\"containerLogs\":{\"enabled\":true},"
                        + "\"agent\":{\"config\":{\"logs\":{\"metrics_collected\":{\"kubernetes\":"
                        + "{\"enhanced_container_insights\":false}}}}}}")
                .podIdentityAssociations(AddonPodIdentityAssociationArgs.builder()
                        .serviceAccount(SERVICE_ACCOUNT).roleArn(role.arn).build())
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE")
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(waitFor).build());
        registerOutputs(Map.of("logGroup", logGroup.name()));
    }
}
