package com.usersplatform.infra.offline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** URNs the SDK sends name plan entries by their own type (the last of the parent-qualified types) and name. */
class DependencyRecordingMonitorTest {

    @Test
    void aUrnNamesItsEntryByItsOwnTypeAndName() {
        assertEquals("aws:eks/addon:Addon::eks-coredns", DependencyRecordingMonitor.fromUrn(
                "urn:pulumi:dev::users-platform::users-platform:cluster:EksCluster$aws:eks/addon:Addon::eks-coredns"));
        assertEquals("pulumi:providers:aws::aws",
                DependencyRecordingMonitor.fromUrn("urn:pulumi:prod::users-platform::pulumi:providers:aws::aws"));
        assertEquals("kubernetes:core/v1:Service::a::b", DependencyRecordingMonitor.fromUrn(
                "urn:pulumi:dev::p::x:y:Z$kubernetes:core/v1:Service::a::b"), "a name may contain ::");
        assertThrows(IllegalArgumentException.class, () -> DependencyRecordingMonitor.fromUrn("not-a-urn"));
    }
}
