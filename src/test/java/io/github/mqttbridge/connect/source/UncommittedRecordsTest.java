package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class UncommittedRecordsTest {

    @Test
    void the_record_bound_stops_poll_until_a_commit_frees_room() throws Exception {
        UncommittedRecords uncommitted = new UncommittedRecords(2, 1_000_000);
        SourceRecord first = record();
        uncommitted.handedOver(first, 10);
        uncommitted.handedOver(record(), 10);
        assertFalse(uncommitted.awaitRoom(1), "two of two records uncommitted");

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return uncommitted.awaitRoom(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        uncommitted.committed(first);
        assertTrue(waiting.get(1, TimeUnit.MINUTES), "a commit wakes the waiting poll");
        assertEquals(1, uncommitted.size());
        assertEquals(10, uncommitted.bytes());
    }

    @Test
    void the_byte_bound_applies_but_lets_a_single_large_message_through() throws Exception {
        UncommittedRecords uncommitted = new UncommittedRecords(100, 1_000);
        assertTrue(uncommitted.awaitRoom(1), "empty");
        SourceRecord large = record();
        uncommitted.handedOver(large, 5_000);
        assertFalse(uncommitted.awaitRoom(1), "over the byte bound");
        uncommitted.committed(large);
        assertTrue(uncommitted.awaitRoom(1));
        assertEquals(0, uncommitted.bytes());
    }

    @Test
    void records_are_told_apart_by_identity_and_a_foreign_commit_changes_nothing() throws Exception {
        UncommittedRecords uncommitted = new UncommittedRecords(1, 1_000);
        SourceRecord handed = record();
        uncommitted.handedOver(handed, 1);
        uncommitted.committed(record());
        assertEquals(1, uncommitted.size(), "an equal record that was not handed over is not this one");
        assertFalse(uncommitted.awaitRoom(1));
    }

    private static SourceRecord record() {
        return new SourceRecord(Map.of(), Map.of(), "topic", null, new byte[] {1});
    }
}
