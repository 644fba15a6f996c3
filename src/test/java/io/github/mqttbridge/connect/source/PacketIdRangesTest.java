package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PacketIdRangesTest {

    private static SortedSet<Integer> ids(int... ids) {
        SortedSet<Integer> set = new TreeSet<>();
        IntStream.of(ids).forEach(set::add);
        return set;
    }

    @Test
    void runs_are_joined_and_single_ids_stand_alone() {
        assertEquals("1-3,7,9-10,65535", PacketIdRanges.format(ids(10, 2, 1, 3, 7, 9, 65_535)));
        assertEquals("", PacketIdRanges.format(ids()));
    }

    @Test
    void what_format_writes_parse_reads_back() {
        SortedSet<Integer> held = ids(1, 2, 3, 7, 9, 10, 500, 65_535);
        assertEquals(held, PacketIdRanges.parse(PacketIdRanges.format(held)));
        assertEquals(ids(), PacketIdRanges.parse(""));
    }

    @Test
    void every_id_in_flight_at_once_stays_one_short_run() {
        SortedSet<Integer> all = new TreeSet<>();
        IntStream.rangeClosed(1, 65_535).forEach(all::add);
        assertEquals("1-65535", PacketIdRanges.format(all));
        assertEquals(all, PacketIdRanges.parse("1-65535"));
    }

    @Test
    void a_text_no_task_wrote_is_refused_naming_the_part() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketIdRanges.parse("1-3,x"))
                .getMessage().contains("'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketIdRanges.parse("0"))
                .getMessage().contains("not an MQTT packet id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketIdRanges.parse("9-3"))
                .getMessage().contains("runs backwards"));
    }
}
