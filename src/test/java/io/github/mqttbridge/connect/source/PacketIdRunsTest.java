package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PacketIdRunsTest {

    private static PacketIdRuns of(int... ids) {
        PacketIdRuns runs = new PacketIdRuns();
        IntStream.of(ids).forEach(runs::add);
        return runs;
    }

    @Test
    void consecutive_ids_are_one_run_whatever_order_they_come_in() {
        assertEquals("1-3,7,9-10,65535", of(10, 2, 1, 3, 7, 9, 65_535).toString());
        assertEquals("4-6", of(4, 6, 5).toString(), "5 joins the runs on either side");
        assertEquals("", of().toString());
    }

    @Test
    void removing_an_id_splits_or_shortens_its_run() {
        PacketIdRuns runs = of(1, 2, 3, 4, 5);
        assertTrue(runs.remove(3));
        assertEquals("1-2,4-5", runs.toString());
        assertTrue(runs.remove(1));
        assertTrue(runs.remove(5));
        assertEquals("2,4", runs.toString());
        assertFalse(runs.remove(3), "not held");
    }

    @Test
    void what_to_string_writes_parse_reads_back() {
        PacketIdRuns held = of(1, 2, 3, 7, 9, 10, 500, 65_535);
        assertEquals(held.toSet(), PacketIdRuns.parse(held.toString()).toSet());
        assertEquals(Set.of(), PacketIdRuns.parse("").toSet());
        assertEquals("1-65535", PacketIdRuns.parse("1-65535").toString(), "every id in flight at once: one run");
    }

    @Test
    void it_holds_what_a_plain_set_holds_under_random_adds_and_removes() {
        Random random = new Random(16);
        PacketIdRuns runs = new PacketIdRuns();
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < 20_000; i++) {
            int id = 1 + random.nextInt(200);
            if (random.nextBoolean()) {
                runs.add(id);
                expected.add(id);
            } else {
                assertEquals(expected.remove(id), runs.remove(id));
            }
        }
        assertEquals(expected, runs.toSet());
        assertEquals(expected, PacketIdRuns.parse(runs.toString()).toSet());
    }

    @Test
    void a_text_no_task_wrote_is_refused_naming_the_part() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketIdRuns.parse("1-3,x"))
                .getMessage().contains("'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketIdRuns.parse("0"))
                .getMessage().contains("not an MQTT packet id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketIdRuns.parse("9-3"))
                .getMessage().contains("runs backwards"));
    }
}
