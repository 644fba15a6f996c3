package io.github.mqttbridge.client.internal.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.persistence.FilePersistence;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.persistence.SessionStore.StoredPublish;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionStoreTest {
    @TempDir
    Path dir;

    private SessionStore open() throws IOException {
        return new FilePersistence(dir, false).open("client/1");
    }

    @Test
    void state_survives_reopening() throws IOException {
        try (SessionStore s = open()) {
            s.outboundAccepted(1, "a/b", new byte[] {1, 2}, 1, false, MqttProperties.EMPTY);
            s.outboundAccepted(2, "a/c", new byte[] {3}, 2, true, MqttProperties.EMPTY);
            s.outboundAccepted(3, "a/d", new byte[0], 1, false, MqttProperties.EMPTY);
            s.outboundStarted(1, 100);
            s.outboundStarted(2, 101);
            s.outboundReleased(2);
            s.outboundDone(1);
            s.inboundReceived(7);
            s.inboundReceived(8);
            s.inboundReleased(7);
        }
        try (SessionStore s = open()) {
            SessionStore.Contents c = s.load();
            assertEquals(2, c.outbound().size());
            StoredPublish two = c.outbound().get(0);
            assertEquals(new StoredPublish(2, 101, true, "a/c", two.payload(), 2, true), two);
            assertArrayEquals(new byte[] {3}, two.payload());
            assertEquals(3, c.outbound().get(1).sequence());
            assertEquals(0, c.outbound().get(1).packetId(), "never started: still waiting");
            assertEquals(Set.of(8), c.inboundAwaitingRelease());
        }
    }

    @Test
    void a_torn_last_record_is_dropped_and_the_rest_kept() throws IOException {
        try (SessionStore s = open()) {
            s.outboundAccepted(1, "a", new byte[] {1}, 1, false, MqttProperties.EMPTY);
            s.outboundAccepted(2, "b", new byte[100], 1, false, MqttProperties.EMPTY);
        }
        Path file = dir.resolve(FilePersistence.fileName("client/1"));
        long size = Files.size(file);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 50);
        }
        try (SessionStore s = open()) {
            assertEquals(List.of(1L), s.load().outbound().stream().map(StoredPublish::sequence).toList());
            s.outboundAccepted(3, "c", new byte[] {3}, 1, false, MqttProperties.EMPTY);
        }
        try (SessionStore s = open()) {
            assertEquals(List.of(1L, 3L), s.load().outbound().stream().map(StoredPublish::sequence).toList(),
                    "records appended after the cut must be readable");
        }
    }

    @Test
    void a_corrupted_record_fails_its_checksum_and_ends_the_replay() throws IOException {
        try (SessionStore s = open()) {
            s.outboundAccepted(1, "a", new byte[] {1}, 1, false, MqttProperties.EMPTY);
            s.outboundAccepted(2, "b", new byte[] {2}, 1, false, MqttProperties.EMPTY);
        }
        Path file = dir.resolve(FilePersistence.fileName("client/1"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(file, bytes);
        try (SessionStore s = open()) {
            assertEquals(List.of(1L), s.load().outbound().stream().map(StoredPublish::sequence).toList());
        }
    }

    @Test
    void the_log_is_compacted_and_stays_small_when_messages_are_acknowledged() throws IOException {
        try (SessionStore s = open()) {
            for (long i = 1; i <= 50_000; i++) {
                s.outboundAccepted(i, "t", new byte[10], 1, false, MqttProperties.EMPTY);
                s.outboundStarted(i, (int) (i % 65535) + 1);
                s.outboundDone(i);
            }
            s.outboundAccepted(50_001, "last", new byte[] {9}, 1, false, MqttProperties.EMPTY);
        }
        Path file = dir.resolve(FilePersistence.fileName("client/1"));
        assertTrue(Files.size(file) < 1_000_000, "compaction must bound the log, size " + Files.size(file));
        try (SessionStore s = open()) {
            assertEquals(List.of(50_001L), s.load().outbound().stream().map(StoredPublish::sequence).toList());
        }
    }

    /** Every data type a property value can have, as an MQTT 5 message's metadata carries them. */
    private static final MqttProperties METADATA = MqttProperties.builder()
            .add(MqttProperty.PAYLOAD_FORMAT_INDICATOR, 1)
            .add(MqttProperty.MESSAGE_EXPIRY_INTERVAL, 4_294_967_295L)
            .add(MqttProperty.CONTENT_TYPE, "application/json")
            .add(MqttProperty.CORRELATION_DATA, new byte[] {0, 1, (byte) 0xFF})
            .userProperty("trace-id", "abc").userProperty("trace-id", "dé")
            .build();

    @Test
    void mqtt5_properties_survive_reopening_and_compaction_and_old_records_read_as_before() throws IOException {
        try (SessionStore s = open()) {
            s.outboundAccepted(1, "plain", new byte[] {1}, 1, false, MqttProperties.EMPTY);
            s.outboundAccepted(2, "with/metadata", new byte[] {2}, 2, true, METADATA);
            s.outboundStarted(2, 9);
            s.outboundReleased(2);
        }
        try (SessionStore s = open()) {
            List<StoredPublish> restored = s.load().outbound();
            assertEquals(MqttProperties.EMPTY, restored.get(0).properties());
            assertEquals(METADATA, restored.get(1).properties());
            assertEquals(9, restored.get(1).packetId());
            assertTrue(restored.get(1).released(), "started and released keep the properties");
            for (long i = 3; i <= 50_002; i++) {
                s.outboundAccepted(i, "t", new byte[1], 1, false, MqttProperties.EMPTY);
                s.outboundDone(i);
            }
        }
        try (SessionStore s = open()) {
            assertEquals(METADATA, s.load().outbound().get(1).properties(), "after compaction too");
        }
    }

    @Test
    void file_names_keep_distinct_client_ids_apart() {
        assertTrue(!FilePersistence.fileName("a/b").equals(FilePersistence.fileName("a_b")));
        assertTrue(FilePersistence.fileName("../etc").matches("[A-Za-z0-9._-]+"));
    }
}
