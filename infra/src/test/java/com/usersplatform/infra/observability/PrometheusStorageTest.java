package com.usersplatform.infra.observability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.usersplatform.infra.aws.Plans;
import com.usersplatform.infra.offline.RecordedResource;
import com.usersplatform.infra.workloads.EncryptedStorageClass;
import com.usersplatform.infra.workloads.KubernetesRuns;
import com.usersplatform.stacks.PrometheusConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.usersplatform.infra.workloads.Yaml.at;
import static com.usersplatform.infra.workloads.Yaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics that outlive the Prometheus pod: the EBS CSI add-on with its own role, the encrypted gp3 default
 * StorageClass, Prometheus's volume, retention and resources from the stack, and no scrapes or alerts for the
 * control-plane components EKS hides.
 */
class PrometheusStorageTest {

    @Test
    void ebsCsiDriverRunsAsItsOwnPodIdentityWithTheManagedPolicyAndTheStackKey() {
        for (var run : KubernetesRuns.both()) {
            RecordedResource addon = Plans.addon(run.result(), "aws-ebs-csi-driver");
            assertEquals(List.of("ebs-csi-controller-sa"), Plans.podIdentityServiceAccounts(addon));
            assertTrue(run.result().ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                    .anyMatch(a -> a.name().equals("eks-ebs-csi-AmazonEBSCSIDriverPolicy") && a.input("policyArn")
                            .equals("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy")));
            JsonObject policy = JsonParser.parseString((String) run.result().ofType("aws:iam/rolePolicy:RolePolicy")
                    .stream().filter(p -> p.name().equals("eks-ebs-csi")).findFirst().orElseThrow()
                    .input("policy")).getAsJsonObject();
            Set<String> actions = new TreeSet<>();
            policy.getAsJsonArray("Statement").forEach(s -> {
                assertEquals(Plans.keyArn(run.result()), s.getAsJsonObject().get("Resource").toString().replaceAll("[\\[\\]\"]", ""));
                s.getAsJsonObject().getAsJsonArray("Action").forEach(a -> actions.add(a.getAsString()));
            });
            assertTrue(actions.containsAll(List.of("kms:CreateGrant", "kms:GenerateDataKey*", "kms:Decrypt")), actions.toString());
        }
    }

    @Test
    void defaultStorageClassIsGp3EncryptedWithTheStackKey() {
        for (var run : KubernetesRuns.both()) {
            var storageClass = run.ofKind("StorageClass");
            assertEquals(1, storageClass.size());
            var sc = storageClass.getFirst();
            assertEquals(EncryptedStorageClass.NAME, at(sc, "metadata.name"));
            assertEquals("true", map(sc, "metadata.annotations").get("storageclass.kubernetes.io/is-default-class"));
            assertEquals("ebs.csi.aws.com", sc.get("provisioner"));
            assertEquals(Map.of("type", "gp3", "encrypted", "true", "kmsKeyId", Plans.keyArn(run.result())), sc.get("parameters"));
            assertEquals("WaitForFirstConsumer", sc.get("volumeBindingMode"));
        }
    }

    @Test
    void prometheusKeepsItsSamplesOnAVolumeSizedByTheStack() {
        for (var run : KubernetesRuns.both()) {
            PrometheusConfig p = run.stack().observability().prometheus();
            var spec = map(run.document("HelmRelease", Monitoring.NAMESPACE, Monitoring.CHART.name()),
                    "values.prometheus.prometheusSpec");
            assertEquals(p.retentionDays() + "d", spec.get("retention"));
            assertEquals(p.retentionSizeGib() + "GiB", spec.get("retentionSize"));
            assertEquals(EncryptedStorageClass.NAME, at(spec, "storageSpec.volumeClaimTemplate.spec.storageClassName"));
            assertEquals(p.volumeSizeGib() + "Gi",
                    at(spec, "storageSpec.volumeClaimTemplate.spec.resources.requests.storage"));
            assertEquals(p.resources().requests().memory(), at(spec, "resources.requests.memory"));
            assertEquals(p.resources().limits().cpu(), at(spec, "resources.limits.cpu"));
        }
        var prod = map(KubernetesRuns.prod().document("HelmRelease", Monitoring.NAMESPACE, Monitoring.CHART.name()),
                "values.prometheus.prometheusSpec");
        assertEquals("15d", prod.get("retention"));
        assertEquals("100Gi", at(prod, "storageSpec.volumeClaimTemplate.spec.resources.requests.storage"));
    }

    @Test
    void controlPlaneComponentsEksHidesAreNeitherScrapedNorAlertedOn() {
        for (var run : KubernetesRuns.both()) {
            var values = map(run.document("HelmRelease", Monitoring.NAMESPACE, Monitoring.CHART.name()), "values");
            for (String component : List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd")) {
                assertEquals(false, at(values, component + ".enabled"), component);
            }
            assertEquals(Map.of("kubeControllerManager", false, "kubeSchedulerAlerting", false,
                    "kubeSchedulerRecording", false, "etcd", false), at(values, "defaultRules.rules"));
        }
    }
}
