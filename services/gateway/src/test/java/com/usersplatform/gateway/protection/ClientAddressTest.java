package com.usersplatform.gateway.protection;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientAddressTest {
    private static final String ALB = "10.0.12.34";

    @Test
    void withoutTrustedHopsTheHeaderIsIgnored() {
        assertEquals(ALB, new ClientAddress(0).of(ALB, List.of("198.51.100.7")));
    }

    @Test
    void behindOneProxyTheClientIsTheEntryTheProxyAppended() {
        ClientAddress behindAlb = new ClientAddress(1);
        assertEquals("198.51.100.7", behindAlb.of(ALB, List.of("198.51.100.7")));
        // What the client wrote is left of what the ALB appended: it cannot choose the address used.
        assertEquals("198.51.100.9", behindAlb.of(ALB, List.of("198.51.100.7, 198.51.100.9")));
        assertEquals("198.51.100.9", behindAlb.of(ALB, List.of("198.51.100.7", "198.51.100.9")));
        assertEquals("2001:db8::1", behindAlb.of(ALB, List.of("203.0.113.5,2001:db8::1")));
    }

    @Test
    void twoHopsTakeTheSecondEntryFromTheRight() {
        assertEquals("198.51.100.7", new ClientAddress(2).of(ALB, List.of("1.2.3.4, 198.51.100.7, 10.0.0.9")));
    }

    @Test
    void missingOrMalformedEntriesFallBackToThePeer() {
        ClientAddress behindAlb = new ClientAddress(1);
        assertEquals(ALB, behindAlb.of(ALB, List.of()));
        assertEquals(ALB, new ClientAddress(2).of(ALB, List.of("198.51.100.7")));
        assertEquals(ALB, behindAlb.of(ALB, List.of("198.51.100.7, not-an-address\r\nX: y")));
        assertEquals(ALB, behindAlb.of(ALB, List.of("198.51.100.7, " + "1".repeat(60) + ":")));
    }

    @Test
    void negativeHopsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(-1));
    }
}
