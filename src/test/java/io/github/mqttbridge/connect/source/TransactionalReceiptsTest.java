package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** The receipts a task keeps in its offsets, and when the broker's releases may be answered. */
class TransactionalReceiptsTest {
    private static final Map<String, ?> PARTITION = SourceRecordMapper.partition("src-0");
    private final AtomicInteger wakes = new AtomicInteger();
    private final List<Integer> pubcomps = new ArrayList<>();

    /** The offsets Connect read back for the task: what the last committed transaction wrote. */
    private record CommittedOffsets(Map<String, Object> offset) implements OffsetStorageReader {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return partition.equals(PARTITION) ? offset : null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> all = new HashMap<>();
            partitions.forEach(p -> all.put(p, offset(p)));
            return all;
        }
    }

    private TransactionalReceipts resume(String held) {
        Map<String, Object> offset = held == null ? null : Map.of(TransactionalReceipts.OFFSET_HELD, held);
        return TransactionalReceipts.resume(new CommittedOffsets(offset), PARTITION, "hb", "src-0",
                wakes::incrementAndGet);
    }

    private static SourceRecord record(long sequence) {
        return new SourceRecord(PARTITION, Map.of(SourceRecordMapper.OFFSET_RECEIVED, sequence), "t", null, null);
    }

    private void release(TransactionalReceipts receipts, int id) {
        receipts.released(id, () -> pubcomps.add(id));
    }

    @Test
    void a_task_resumes_with_the_ids_the_last_committed_offset_held() {
        assertEquals(Set.of(3, 4, 5, 9), resume("3-5,9").held());
        assertEquals(Set.of(), resume(null).held(), "a first start, or offsets of an at-least-once run");
    }

    @Test
    void an_offset_this_connector_did_not_write_stops_the_task_with_what_to_do() {
        ConnectException e = assertThrows(ConnectException.class, () -> resume("3-x"));
        assertTrue(e.getMessage().contains("reset the connector's offsets"), e.getMessage());
    }

    @Test
    void each_stamp_holds_the_qos2_ids_taken_so_far_with_its_own() {
        TransactionalReceipts receipts = resume("7");
        assertEquals("7-8", receipts.stamp(2, 8, 1));
        assertEquals("7-8", receipts.stamp(1, 20, 2), "a QoS 1 id is no receipt");
        assertEquals("7-8,30", receipts.stamp(2, 30, 3));
    }

    @Test
    void a_release_is_answered_only_once_an_offset_stamped_after_it_committed() {
        TransactionalReceipts receipts = resume(null);
        receipts.stamp(2, 1, 1);
        receipts.stamp(2, 2, 2);
        release(receipts, 1);
        assertEquals(1, wakes.get(), "poll() is woken to carry the change");
        assertTrue(receipts.unstamped());
        receipts.committed(record(2), 2, true);
        assertEquals(List.of(), pubcomps, "record 2's offset was stamped before the release: it still holds 1");
        assertEquals("2-3", receipts.stamp(2, 3, 3));
        assertFalse(receipts.unstamped());
        receipts.committed(record(3), 3, true);
        assertEquals(List.of(1), pubcomps);
    }

    @Test
    void with_no_message_flowing_a_heartbeat_carries_the_release() {
        TransactionalReceipts receipts = resume("4-6");
        assertNull(receipts.heartbeat(1), "nothing changed: no heartbeat");
        release(receipts, 5);
        SourceRecord heartbeat = receipts.heartbeat(2);
        assertEquals("hb", heartbeat.topic());
        assertEquals("src-0", heartbeat.key());
        assertEquals("4,6", heartbeat.sourceOffset().get(TransactionalReceipts.OFFSET_HELD));
        assertNull(receipts.heartbeat(3), "one heartbeat per change");
        assertTrue(receipts.committed(heartbeat, 2, true), "the task must not count it as a record");
        assertEquals(List.of(5), pubcomps);
    }

    @Test
    void a_heartbeat_a_transform_dropped_is_written_again() {
        TransactionalReceipts receipts = resume("4");
        release(receipts, 4);
        SourceRecord dropped = receipts.heartbeat(1);
        receipts.committed(dropped, 1, false);
        assertEquals(List.of(), pubcomps, "its offset was dropped with it");
        assertTrue(receipts.unstamped());
        receipts.committed(receipts.heartbeat(2), 2, true);
        assertEquals(List.of(4), pubcomps);
    }

    @Test
    void an_id_never_committed_as_held_is_answered_at_once() {
        TransactionalReceipts receipts = resume(null);
        release(receipts, 12);
        assertEquals(List.of(12), pubcomps, "a skipped message made no record, so there is nothing to forget");
        assertFalse(receipts.unstamped());
    }

    @Test
    void a_lost_session_empties_the_receipts_and_commits_that() {
        TransactionalReceipts receipts = resume("1-3");
        release(receipts, 2);
        receipts.sessionLost();
        assertEquals(Set.of(), receipts.held());
        assertEquals("", receipts.heartbeat(1).sourceOffset().get(TransactionalReceipts.OFFSET_HELD));
        assertEquals(List.of(), pubcomps, "the release belonged to the lost session");
    }
}
