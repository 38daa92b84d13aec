package com.usersplatform.infra.observability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.workloads.KubernetesRuns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.usersplatform.infra.workloads.Yaml.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grafana's pods may read CloudWatch metrics (the ElastiCache and WAF panels) and nothing else. */
class GrafanaCloudWatchReaderTest {

    @Test
    void grafanasServiceAccountHasAReadOnlyMetricsRole() {
        for (var run : KubernetesRuns.both()) {
            var release = run.document("HelmRelease", Monitoring.NAMESPACE, Monitoring.CHART.name());
            assertEquals(GrafanaCloudWatchReader.SERVICE_ACCOUNT, at(release, "values.grafana.serviceAccount.name"),
                    "the association names the account the chart creates");
            var associations = run.result().ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").stream()
                    .filter(a -> GrafanaCloudWatchReader.SERVICE_ACCOUNT.equals(a.input("serviceAccount"))).toList();
            assertEquals(1, associations.size());
            assertEquals(Monitoring.NAMESPACE, associations.getFirst().input("namespace"));

            var policies = run.result().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(p -> ((String) p.input("policy")).contains("cloudwatch:GetMetricData")).toList();
            assertEquals(1, policies.size(), "one role reads metrics");
            JsonObject statement = JsonParser.parseString((String) policies.getFirst().input("policy"))
                    .getAsJsonObject().getAsJsonArray("Statement").get(0).getAsJsonObject();
            List<String> actions = statement.getAsJsonArray("Action").asList().stream()
                    .map(a -> a.getAsString()).toList();
            assertEquals(GrafanaCloudWatchReader.ACTIONS.stream().sorted().toList(), actions.stream().sorted().toList());
            assertTrue(actions.stream().allMatch(a -> a.matches("[a-z0-9]+:(Get|List|Describe)[A-Za-z]+")),
                    "read actions only: " + actions);
        }
    }
}
