package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdicts the connector chapters print come from these comparisons, so a wrong one would misreport a target. */
class TargetTableTest {

    @Test
    void aRatioBelowItsAimIsMissedAndOneAtItIsMet() {
        TargetTable targets = new TargetTable();
        assertFalse(targets.atLeast("QoS 1 ratio", 0.69, 0.7, "%.2f").met());
        assertTrue(targets.atLeast("QoS 2 ratio", 0.7, 0.7, "%.2f").met());
        assertTrue(targets.markdown().contains("| QoS 1 ratio | 0.69 | ≥ 0.70 | **no** |"), targets.markdown());
        assertTrue(targets.markdown().contains("| QoS 2 ratio | 0.70 | ≥ 0.70 | yes |"), targets.markdown());
    }

    @Test
    void aLatencyAtItsLimitIsMissed() {
        TargetTable targets = new TargetTable();
        assertFalse(targets.below("p99 ms", 20.0, 20.0, "%.1f").met());
        assertTrue(targets.below("p99 ms", 19.9, 20.0, "%.1f").met());
    }

    @Test
    void percentilesAreNearestRankOfTheSortedLatencies() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(500, SourceBenchmark.percentile(sorted, 50));
        assertEquals(990, SourceBenchmark.percentile(sorted, 99));
        assertEquals(999, SourceBenchmark.percentile(sorted, 99.9));
        assertEquals(1000, SourceBenchmark.percentile(sorted, 100));
    }
}
