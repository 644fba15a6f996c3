package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ThreadProfileTest {

    @Test
    void threads_of_one_kind_are_summed_whatever_their_ids() {
        assertEquals("mqtt-bk-src-<id>-N-reader", ThreadProfile.kind("mqtt-bk-src-3fa9c2-0-reader"));
        assertEquals("task-thread-bk-snk-<id>-N", ThreadProfile.kind("task-thread-bk-snk-77ab01-0"));
        assertEquals("kafka-producer-network-thread | producer-N",
                ThreadProfile.kind("kafka-producer-network-thread | producer-12"));
    }

    @Test
    void reads_this_jvms_threads_from_proc_by_the_names_of_a_thread_dump() throws Exception {
        String dump = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        long pid = ProcessHandle.current().pid();
        ThreadProfile start = ThreadProfile.of(pid, dump);
        long spin = System.nanoTime() + 200_000_000;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }
        Map<String, ThreadProfile.Counters> byKind = ThreadProfile.of(pid, dump).since(start);
        assertTrue(sink > 0);
        assertTrue(byKind.containsKey("main"), "the test's own thread is named: " + byKind.keySet());
        // 200 ms of arithmetic on this thread; Linux counts in 10 ms ticks
        assertTrue(byKind.get("main").cpuNanos() >= 100_000_000, "main used " + byKind.get("main"));
    }

    @Test
    void the_table_gives_per_record_figures_and_sums_the_small_threads_as_others() {
        Map<String, ThreadProfile.Counters> byKind = new LinkedHashMap<>();
        byKind.put("writer", new ThreadProfile.Counters(3_000_000, 1_000_000, 500, 10));
        byKind.put("reader", new ThreadProfile.Counters(1_000_000, 1_000_000, 200, 0));
        byKind.put("timer", new ThreadProfile.Counters(10_000, 0, 1, 0));
        String table = ThreadProfile.markdown(byKind, 1_000, 0.01);
        assertTrue(table.contains("| `writer` | 4.0 | 1.0 | 67 % | 0.50 | 0.01 |"), table);
        assertTrue(table.contains("| `reader` | 2.0 | 1.0 | 33 % | 0.20 | 0.00 |"), table);
        assertTrue(table.contains("| others | 0.0 | 0.0 | 0 % | 0.00 | 0.00 |"), table);
        assertTrue(table.contains("| **all** | 6.0 | 2.0 | 100 % | 0.70 | 0.01 |"), table);
    }

    @Test
    void threads_are_told_apart_by_whose_work_they_do() {
        assertEquals(ThreadProfile.Owner.TASK, ThreadProfile.Owner.of("task-thread-bk-src-<id>-N"));
        assertEquals(ThreadProfile.Owner.KAFKA,
                ThreadProfile.Owner.of("kafka-producer-network-thread | connector-producer-bk-src-<id>-N"));
        assertEquals(ThreadProfile.Owner.MQTT, ThreadProfile.Owner.of("mqtt-bk-src-<id>-N-reader"));
        assertEquals(ThreadProfile.Owner.JVM, ThreadProfile.Owner.of("CN CompilerThreadN"));
        assertEquals(ThreadProfile.Owner.MEASUREMENT, ThreadProfile.Owner.of("RMI TCP Connection(N)-N.N.N.N"));
        assertEquals(ThreadProfile.Owner.OTHER, ThreadProfile.Owner.of("KafkaBasedLog Work Thread - offsets"));

        Map<String, ThreadProfile.Counters> byKind = new LinkedHashMap<>();
        byKind.put("mqtt-a-N-reader", new ThreadProfile.Counters(1_000, 2_000, 1, 0));
        byKind.put("mqtt-a-N-writer", new ThreadProfile.Counters(3_000, 0, 1, 1));
        byKind.put("VM Thread", new ThreadProfile.Counters(500, 0, 0, 0));
        Map<ThreadProfile.Owner, ThreadProfile.Counters> byOwner = ThreadProfile.byOwner(byKind);
        assertEquals(new ThreadProfile.Counters(4_000, 2_000, 2, 1), byOwner.get(ThreadProfile.Owner.MQTT));
        assertEquals(new ThreadProfile.Counters(500, 0, 0, 0), byOwner.get(ThreadProfile.Owner.JVM));
    }
}
