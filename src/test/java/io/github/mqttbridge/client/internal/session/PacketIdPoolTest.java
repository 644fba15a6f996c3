package io.github.mqttbridge.client.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacketIdPoolTest {

    @Test
    void ids_are_never_zero_and_never_reused_while_in_use() {
        PacketIdPool pool = new PacketIdPool();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < PacketIdPool.MAX_ID; i++) {
            int id = pool.allocate();
            assertNotEquals(0, id);
            assertTrue(id >= 1 && id <= 65535, "id out of range: " + id);
            assertTrue(seen.add(id), "id handed out twice: " + id);
        }
        assertEquals(0, pool.allocate(), "an exhausted pool must say so with 0");
    }

    @Test
    void freed_id_is_not_reused_at_once_but_after_a_wrap() {
        PacketIdPool pool = new PacketIdPool();
        int first = pool.allocate();
        pool.release(first);
        assertNotEquals(first, pool.allocate(), "round-robin: a just-freed id waits its turn");
        for (int i = 0; i < PacketIdPool.MAX_ID - 2; i++) {
            pool.allocate();
        }
        assertEquals(first, pool.allocate(), "after wrapping around, the freed id is the only one left");
    }

    @Test
    void claimed_ids_are_skipped() {
        PacketIdPool pool = new PacketIdPool();
        pool.claim(1);
        pool.claim(2);
        assertEquals(3, pool.allocate());
        assertEquals(3, pool.inUse());
    }
}
