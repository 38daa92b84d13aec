package com.usersplatform.infra.observability;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.usersplatform.infra.security.PodIdentityRole;
import com.usersplatform.infra.security.PolicyDocument;

import java.util.List;
import java.util.Map;

/**
 * The AWS identity of Grafana's pods, so the dashboards' CloudWatch data source ({@code authType: default}) can read
 * the ElastiCache and WAF metrics: a Pod Identity role for Grafana's service account that may only read metrics.
 * The actions are the metrics part of AWS's managed {@code AmazonGrafanaCloudWatchAccess} policy, without its
 * CloudWatch Logs queries (no panel reads logs) and its cross-account observability listing.
 *
 * @see <a href="https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonGrafanaCloudWatchAccess.html">AmazonGrafanaCloudWatchAccess</a>
 * @see <a href="https://grafana.com/docs/grafana/latest/datasources/aws-cloudwatch/">CloudWatch data source: IAM policies</a>
 */
public final class GrafanaCloudWatchReader extends ComponentResource {

    /** Namespace and service account of Grafana (the Grafana chart's {@code serviceAccount.name}, set by Monitoring). */
    public static final String NAMESPACE = Monitoring.NAMESPACE;
    public static final String SERVICE_ACCOUNT = "grafana";
    /** What the role may do: read metrics, alarms and the tags the data source's dimension lookups use; no writes. */
    static final List<String> ACTIONS = List.of(
            "cloudwatch:DescribeAlarmsForMetric", "cloudwatch:DescribeAlarmHistory", "cloudwatch:DescribeAlarms",
            "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:GetMetricData",
            "cloudwatch:GetInsightRuleReport", "ec2:DescribeTags", "ec2:DescribeInstances", "ec2:DescribeRegions",
            "tag:GetResources");

    /** @param clusterName the cluster Grafana runs in */
    public GrafanaCloudWatchReader(String name, Output<String> clusterName, ComponentResourceOptions options) {
        super("users-platform:observability:GrafanaCloudWatchReader", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        // These read APIs take no resource-level permissions, hence "*".
        new PodIdentityRole(name, clusterName, NAMESPACE, SERVICE_ACCOUNT,
                new PolicyDocument().allow("ReadMetrics", ACTIONS, List.of(Output.of("*"))), this, child);
        registerOutputs(Map.of());
    }
}
