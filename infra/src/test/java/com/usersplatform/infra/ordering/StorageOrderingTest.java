package com.usersplatform.infra.ordering;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.observability.Monitoring;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prometheus's volume claim can only bind once the StorageClass exists and the EBS CSI driver runs (otherwise the
 * claim stays Pending and the release's wait times out), and the driver's add-on needs nodes for its controller.
 */
class StorageOrderingTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusReleaseWaitsForTheStorageClassAndTheCsiDriver(String stack) {
        DependencyGraph graph = new DependencyGraph(InfraHarness.run(stack));
        String driver = graph.addon("aws-ebs-csi-driver");
        String storageClass = graph.single(r -> r.type().equals("kubernetes:storage.k8s.io/v1:StorageClass"),
                "StorageClass").key();
        String nodes = graph.nodeGroup();
        var release = graph.single(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && Monitoring.CHART.name().equals(r.input("chart")), "monitoring release");
        Set<String> waitsFor = graph.waitsFor(release);
        assertTrue(waitsFor.contains(driver) && waitsFor.contains(storageClass),
                release.key() + " waits only for " + waitsFor);
        assertTrue(graph.waitsFor(graph.single(r -> r.key().equals(storageClass), "StorageClass")).contains(driver));
        assertTrue(graph.waitsFor(graph.single(r -> r.key().equals(driver), "EBS CSI add-on")).contains(nodes));
    }
}
