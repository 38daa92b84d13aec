package com.usersplatform.infra.secretdelivery;

import com.google.gson.JsonParser;
import com.usersplatform.infra.AwsFoundation;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.ClusterServices;
import com.usersplatform.infra.workloads.KubernetesRuns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.list;
import static com.usersplatform.infra.workloads.Yaml.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** External Secrets: pinned operator, a store under the operator's pod identity, short-refresh ExternalSecrets. */
class SecretDeliveryTest {
    private static final String NS = ClusterServices.NAMESPACE;

    @Test
    void operatorIsAPinnedHelmReleaseUnderThePodIdentityServiceAccount() {
        for (var run : KubernetesRuns.both()) {
            var release = run.document("HelmRelease", AwsFoundation.SECRET_READER_NAMESPACE, SecretDelivery.CHART.name());
            assertEquals(SecretDelivery.CHART.version(), release.get("version"));
            assertEquals(SecretDelivery.CHART.repository(), release.get("repository"));
            assertEquals(AwsFoundation.SECRET_READER_SERVICE_ACCOUNT, at(release, "values.serviceAccount.name"));
            assertEquals(run.stack().production() ? 2 : 1, ((Number) at(release, "values.replicaCount")).intValue());
            // The AWS side's pod identity association names exactly this service account.
            RecordedResource association = run.result().ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
                    .stream().filter(a -> AwsFoundation.SECRET_READER_NAMESPACE.equals(a.input("namespace")))
                    .findFirst().orElseThrow();
            assertEquals(AwsFoundation.SECRET_READER_SERVICE_ACCOUNT, association.input("serviceAccount"));
        }
    }

    @Test
    void operatorIdentityMayReadExactlyTheSecretsTheExternalSecretsName() {
        for (var run : KubernetesRuns.both()) {
            Set<String> synced = new TreeSet<>();
            for (var file : List.of(SecretDelivery.REDIS_CREDENTIALS, SecretDelivery.API_KEYS)) {
                synced.add(string(run.document("ExternalSecret", NS, file.secretName()), "spec.data[0].remoteRef.key"));
            }
            // The GitHub Actions drift role's refresh reads (github-*) are asserted by delivery.GithubDeliveryTest.
            var readers = run.result().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(p -> !p.name().startsWith("github-"))
                    .filter(p -> ((String) p.input("policy")).contains("secretsmanager:GetSecretValue"))
                    .filter(p -> !((String) p.input("policy")).contains("secretsmanager:PutSecretValue"))
                    .toList();
            assertEquals(1, readers.size(), "one reader policy besides the rotation function's");
            Set<String> readable = new TreeSet<>();
            JsonParser.parseString((String) readers.getFirst().input("policy")).getAsJsonObject()
                    .getAsJsonArray("Statement").forEach(statement -> {
                        var json = statement.getAsJsonObject();
                        if (json.toString().contains("secretsmanager:")) {
                            json.getAsJsonArray("Resource").forEach(r -> readable.add(r.getAsString()));
                        }
                    });
            assertEquals(synced, readable);
        }
    }

    @Test
    void storeReadsSecretsManagerInTheStackRegionWithTheOperatorsIdentity() {
        for (var run : KubernetesRuns.both()) {
            var store = run.document("SecretStore", NS, SecretDelivery.STORE_NAME);
            assertEquals(Map.of("service", "SecretsManager", "region", run.stack().awsRegion()),
                    at(store, "spec.provider.aws"));
        }
    }

    @Test
    void externalSecretsSyncTheTwoSecretsByArnWithAShortRefresh() {
        for (var run : KubernetesRuns.both()) {
            var secretArns = run.result().ofType("aws:secretsmanager/secret:Secret").stream()
                    .map(s -> s.name()).toList();
            for (var file : List.of(SecretDelivery.REDIS_CREDENTIALS, SecretDelivery.API_KEYS)) {
                var externalSecret = run.document("ExternalSecret", NS, file.secretName());
                assertEquals(SecretDelivery.STORE_NAME, string(externalSecret, "spec.secretStoreRef.name"));
                assertEquals(file.secretName(), string(externalSecret, "spec.target.name"));
                var data = list(externalSecret, "spec.data");
                assertEquals(1, data.size());
                assertEquals(file.key(), data.getFirst().get("secretKey"));
                String key = string(data.getFirst(), "remoteRef.key");
                assertTrue(key.startsWith("arn:aws:secretsmanager:"), key);
                assertTrue(secretArns.stream().anyMatch(key::contains), key + " is not one of " + secretArns);
                Duration refresh = Duration.parse("PT" + string(externalSecret, "spec.refreshInterval").toUpperCase());
                assertTrue(refresh.compareTo(Duration.ofMinutes(5)) <= 0, "refresh " + refresh);
            }
        }
    }
}
