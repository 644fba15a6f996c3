package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

class UncommittedRecordsTest {

    @Test
    void the_record_bound_stops_poll_until_a_commit_frees_room() throws Exception {
        UncommittedRecords uncommitted = new UncommittedRecords(2, 1_000_000);
        MessageRecord first = record(10);
        uncommitted.handedOver(first);
        uncommitted.handedOver(record(10));
        assertFalse(uncommitted.awaitRoom(1), "two of two records uncommitted");

        CompletableFuture<Boolean> waiting = awaitRoomElsewhere(uncommitted);
        uncommitted.committed(first);
        assertTrue(waiting.get(1, TimeUnit.MINUTES), "a commit wakes the waiting poll");
        assertEquals(1, uncommitted.size());
        assertEquals(10, uncommitted.bytes());
    }

    @Test
    void a_commit_racing_the_wait_is_never_missed() throws Exception {
        // Many rounds of one commit against one waiting poll: a wake-up lost between the poll's check and its wait
        // would leave it waiting the whole minute and fail the round.
        for (int round = 0; round < 2_000; round++) {
            UncommittedRecords uncommitted = new UncommittedRecords(1, 1_000_000);
            MessageRecord record = record(1);
            uncommitted.handedOver(record);
            CompletableFuture<Boolean> waiting = awaitRoomElsewhere(uncommitted);
            uncommitted.committed(record);
            assertTrue(waiting.get(10, TimeUnit.SECONDS), "round " + round);
        }
    }

    @Test
    void the_byte_bound_applies_but_lets_a_single_large_message_through() throws Exception {
        UncommittedRecords uncommitted = new UncommittedRecords(100, 1_000);
        assertTrue(uncommitted.awaitRoom(1), "empty");
        MessageRecord large = record(5_000);
        uncommitted.handedOver(large);
        assertFalse(uncommitted.awaitRoom(1), "over the byte bound");
        uncommitted.committed(large);
        assertTrue(uncommitted.awaitRoom(1));
        assertEquals(0, uncommitted.bytes());
    }

    @Test
    void a_record_settles_once_so_that_a_second_report_of_it_changes_nothing() {
        Arrived delivery = arrived(1);
        MessageRecord record = record(delivery);
        MessageRecord equal = record(new Arrived(delivery.message(), delivery.payload(), 0, false));
        assertEquals(record, equal, "a redelivered message makes an equal record");
        assertTrue(record.settle());
        assertFalse(record.settle(), "settled already");
        assertTrue(equal.settle(), "an equal record is another delivery, settled on its own");
    }

    /** A poll waiting up to a minute for room, on another thread. */
    private static CompletableFuture<Boolean> awaitRoomElsewhere(UncommittedRecords uncommitted) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return uncommitted.awaitRoom(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static MessageRecord record(int payloadBytes) {
        return record(arrived(payloadBytes));
    }

    private static Arrived arrived(int payloadBytes) {
        MqttMessage message = new MqttMessage(new byte[payloadBytes]);
        message.setDestinationName("a/b");
        message.setQos(1);
        return new Arrived(message, message.payloadBytes(), 0, false);
    }

    private static MessageRecord record(Arrived arrived) {
        return new MessageRecord(arrived, Map.of(), Map.of(), "topic", null, null, Schema.BYTES_SCHEMA,
                arrived.payload(), new ConnectHeaders());
    }
}
