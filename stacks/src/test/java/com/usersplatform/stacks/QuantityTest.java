package com.usersplatform.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantityTest {

    private static int compare(String a, String b) {
        return Quantity.parse(a).orElseThrow().compareTo(Quantity.parse(b).orElseThrow());
    }

    @Test
    void parsesCpuAndMemoryQuantitiesExactly() {
        assertEquals(0, compare("250m", "0.25"));
        assertEquals(0, compare("1", "1000m"));
        assertEquals(0, compare("1Gi", "1024Mi"));
        assertEquals(0, compare("1k", "1e3"));
        assertEquals(0, compare("1G", "1000M"));
        assertTrue(compare("1Gi", "1G") > 0);
        assertTrue(compare("512Mi", "500M") > 0);
        assertEquals(0, new BigDecimal("536870912").compareTo(Quantity.parse("512Mi").orElseThrow()));
    }

    @Test
    void rejectsWhatKubernetesRejects() {
        for (String bad : List.of("", "-1", "1.5.0", "250 m", "1gi", "1KB", "m", "Mi")) {
            assertTrue(Quantity.parse(bad).isEmpty(), bad);
        }
    }
}
