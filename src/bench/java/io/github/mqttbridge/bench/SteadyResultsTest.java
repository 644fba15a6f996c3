package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connector chapters' rates, costs per record and verdicts on the cores come from these computations, so a
 * wrong one would misreport a window.
 */
class SteadyResultsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void ratesAndCostsArePerRecordOfTheWindow() {
        SteadyResults results = new SteadyResults();
        // 30,000 records in 3 s; the worker used 0.6 s of CPU and allocated 60 MB: 20 µs and 2,000 B a record
        results.add(1, "raw", result(40_000, new Usage(0, 0), new Usage(400_000_000, 40_000_000), idle()));
        results.add(1, "sink", result(30_000, new Usage(600_000_000, 60_000_000), new Usage(0, 0), idle()));

        assertEquals(List.of(10_000.0), results.rates(1, "sink"));
        String throughput = results.throughputTable("raw", "Raw msg/s", List.of("sink"));
        assertTrue(throughput.contains("| 1 | 13,333 (13,333–13,333) | 10,000 (10,000–10,000) | 0.75 (0.75–0.75) "
                + "| 0 |"), throughput);
        String costs = results.costTable("raw", List.of("sink"), "the raw client", "its threads");
        assertTrue(costs.contains("| 1 | 10.0 (10.0–10.0) | 1,000 (1,000–1,000) | 20.0 (20.0–20.0) "
                + "| 2,000 (2,000–2,000) |"), costs);
    }

    @Test
    void theScalingTableComparesEachRowWithTheFirstKindOfTheSameRepetition() {
        SteadyResults results = new SteadyResults();
        // repetition 1: 10,000/s and 15,000/s (1.5 times); repetition 2 on a busier machine: 5,000/s and 10,000/s (2)
        results.add(1, "1 task", result(30_000, new Usage(600_000_000, 30_000_000), new Usage(0, 0), idle()));
        results.add(1, "2 tasks", result(45_000, new Usage(900_000_000, 90_000_000), new Usage(0, 0), idle()));
        results.add(1, "1 task", result(15_000, new Usage(300_000_000, 15_000_000), new Usage(0, 0), idle()));
        results.add(1, "2 tasks", result(30_000, new Usage(300_000_000, 30_000_000), new Usage(0, 0), idle()));

        String table = results.scalingTable(1, List.of("1 task", "2 tasks"));

        assertTrue(table.contains("| Round | Rec/s | Ratio to 1 task |"), table);
        assertTrue(table.contains("| 1 task | 7,500 (5,000–10,000) | 1.00 (1.00–1.00) | 20.0 (20.0–20.0) "
                + "| 1,000 (1,000–1,000) |"), table);
        assertTrue(table.contains("| 2 tasks | 12,500 (10,000–15,000) | 1.75 (1.50–2.00) | 15.0 (10.0–20.0) "
                + "| 1,500 (1,000–2,000) |"), table);
        assertEquals(15_000, results.minRecords(List.of("1 task", "2 tasks")));
        assertEquals(30_000, results.minRecords(List.of("2 tasks")));
    }

    @Test
    void aLimitIsNamedOnlyWhereTheCoresShowOne() {
        assertEquals("machine", new CpuSplit(2, 0.9, 0.6, 0.4, 0.0).limit());
        assertEquals("Mosquitto's thread", new CpuSplit(2, 0.2, 0.95, 0.3, 0.0).limit());
        assertEquals("", new CpuSplit(2, 0.5, 0.5, 0.5, 0.0).limit());
        assertEquals(0.5, new CpuSplit(2, 0.5, 0.5, 0.5, 0.0).idle(), 1e-9);
    }

    @Test
    void theSplitTableSaysWhichRoundsWereLimited() {
        SteadyResults results = new SteadyResults();
        results.add(0, "raw", result(1_000, new Usage(0, 0), new Usage(0, 0), new CpuSplit(2, 0, 0.95, 0.5, 0)));
        results.add(0, "1 task", result(1_000, new Usage(0, 0), new Usage(0, 0), idle()));

        String table = results.splitTable();

        assertTrue(table.contains("| 0 | raw | 0.00 | 0.95 | 0.50 | 0.00 | 0.55 | **Mosquitto's thread** |"), table);
        assertTrue(table.contains("| 0 | 1 task | 0.50 | 0.50 | 0.50 | 0.00 | 0.50 | – |"), table);
        assertTrue(table.contains("Limited so: QoS 0 raw (Mosquitto's thread)."), table);
    }

    private static CpuSplit idle() {
        return new CpuSplit(2, 0.5, 0.5, 0.5, 0.0);
    }

    private static SteadyResult result(long records, Usage worker, Usage client, CpuSplit split) {
        return new SteadyResult(records, 3 * SECOND, worker, client, split, Map.of(), 0, 1_000);
    }
}
