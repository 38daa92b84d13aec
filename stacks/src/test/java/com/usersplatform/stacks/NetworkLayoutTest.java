package com.usersplatform.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subnet layout infra creates: non-overlapping, aligned blocks inside the VPC. */
class NetworkLayoutTest {

    @Test
    void laysOutPrivateThenPublicSubnetsPerAz() {
        NetworkConfig network = new NetworkConfig("10.20.0.0/16", 3, NatGateways.PER_AZ, 19, 24);
        assertEquals(List.of(
                new SubnetPair(0, "10.20.96.0/24", "10.20.0.0/19"),
                new SubnetPair(1, "10.20.97.0/24", "10.20.32.0/19"),
                new SubnetPair(2, "10.20.98.0/24", "10.20.64.0/19")), network.subnetLayout());
        assertEquals(3, network.natGatewayCount());
    }

    @Test
    void everyValidLayoutStaysInsideTheVpcWithoutOverlap() {
        for (int azCount = 2; azCount <= 6; azCount++) {
            for (int privatePrefix = 18; privatePrefix <= 24; privatePrefix++) {
                for (int publicPrefix = 20; publicPrefix <= 28; publicPrefix++) {
                    NetworkConfig network =
                            new NetworkConfig("10.0.0.0/16", azCount, NatGateways.SINGLE, privatePrefix, publicPrefix);
                    if (network.requiredAddresses() <= 65536) {
                        assertDisjointInside(network);
                    }
                }
            }
        }
    }

    private static void assertDisjointInside(NetworkConfig network) {
        Cidr vpc = Cidr.parse(network.cidr()).orElseThrow();
        List<Cidr> blocks = new ArrayList<>();
        for (SubnetPair pair : network.subnetLayout()) {
            blocks.add(Cidr.parse(pair.publicCidr()).orElseThrow(() -> new AssertionError(pair)));
            blocks.add(Cidr.parse(pair.privateCidr()).orElseThrow(() -> new AssertionError(pair)));
        }
        for (int i = 0; i < blocks.size(); i++) {
            Cidr a = blocks.get(i);
            assertTrue(a.address() >= vpc.address() && a.address() + a.size() <= vpc.address() + vpc.size(),
                    () -> a + " outside " + vpc);
            for (int j = i + 1; j < blocks.size(); j++) {
                Cidr b = blocks.get(j);
                assertTrue(a.address() + a.size() <= b.address() || b.address() + b.size() <= a.address(),
                        () -> a + " overlaps " + b + " in " + network);
            }
        }
    }

    @Test
    void cidrParsingIsCanonical() {
        assertEquals("10.0.0.0/16", Cidr.parse("10.0.0.0/16").orElseThrow().toString());
        assertEquals(Cidr.ANYWHERE, Cidr.parse("0.0.0.0/0").orElseThrow());
        for (String bad : List.of("10.0.0.1/16", "10.0.0/16", "010.0.0.0/16", "10.0.0.0", "10.0.0.0/33", "", "x")) {
            assertTrue(Cidr.parse(bad).isEmpty(), bad);
        }
    }
}
