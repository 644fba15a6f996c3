package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import io.github.mqttbridge.testing.Receipts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a publisher that may be SIGKILLed at any instant had accepted, known exactly once it is gone.
 *
 * <p>A message is accepted when the client's session store records it: from then on a restarted client sends it
 * from persistence. {@link #recording} wraps the real persistence so that, right after the store recorded a
 * message, its number (the {@link Receipts} payload) is appended to a ledger file. Both calls run under the
 * client's session lock, which also serializes the record that the broker acknowledged the message
 * ({@link SessionStore} guarantees one call at a time). So when the process dies, either the ledger already holds
 * the last accepted number, or the kill fell between the two writes: then that message has no acknowledgement
 * recorded yet and is still among the messages the store restores. {@link #lastAccepted} takes the larger of the
 * two, which is exact: no pipe to lag behind, no message of slack either way.
 */
final class AcceptanceLedger {
    private static final int ENTRY = Integer.BYTES;

    private AcceptanceLedger() {
    }

    /** {@code persistence}, with each accepted message's number appended to {@code ledger} once it is stored. */
    static MqttPersistence recording(MqttPersistence persistence, Path ledger) {
        return MqttPersistence.of(clientId -> {
            SessionStore store = persistence.stores().open(clientId);
            FileChannel channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new LedgerStore(store, channel);
        });
    }

    /**
     * The number of the last message accepted by the (dead) publisher that recorded into {@code ledger} with
     * {@code persistence} as {@code clientId}, or -1 if none: the publisher that resumes after it must start at
     * this plus one. Opens the session store, so call it only while no client uses it.
     */
    static int lastAccepted(Path ledger, MqttPersistence persistence, String clientId) throws IOException {
        int restored = -1;
        try (SessionStore store = persistence.stores().open(clientId)) {
            for (SessionStore.StoredPublish p : store.load().outbound()) {
                restored = Math.max(restored, Receipts.number(p.payload()));
            }
        }
        return Math.max(lastRecorded(ledger), restored);
    }

    /** The last number the ledger holds, or -1; safe to call while a publisher is still appending to it. */
    static int lastRecorded(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            return -1;
        }
        byte[] entries = Files.readAllBytes(ledger);
        int complete = entries.length / ENTRY;
        return complete == 0 ? -1 : ByteBuffer.wrap(entries, (complete - 1) * ENTRY, ENTRY).getInt();
    }

    /** The real store, with the ledger written after each acceptance it recorded. */
    private record LedgerStore(SessionStore store, FileChannel ledger) implements SessionStore {

        @Override
        public void outboundAccepted(long sequence, String topic, byte[] payload, int qos, boolean retain,
                                     MqttProperties properties) {
            store.outboundAccepted(sequence, topic, payload, qos, retain, properties);
            ByteBuffer entry = ByteBuffer.allocate(ENTRY).putInt(Receipts.number(payload)).flip();
            try {
                while (entry.hasRemaining()) {
                    ledger.write(entry);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not append to the acceptance ledger", e);
            }
        }

        @Override
        public Contents load() {
            return store.load();
        }

        @Override
        public void outboundStarted(long sequence, int packetId) {
            store.outboundStarted(sequence, packetId);
        }

        @Override
        public void outboundReleased(long sequence) {
            store.outboundReleased(sequence);
        }

        @Override
        public void outboundDone(long sequence) {
            store.outboundDone(sequence);
        }

        @Override
        public void inboundReceived(int packetId) {
            store.inboundReceived(packetId);
        }

        @Override
        public void inboundReleased(int packetId) {
            store.inboundReleased(packetId);
        }

        @Override
        public void clearInbound() {
            store.clearInbound();
        }

        @Override
        public void close() {
            store.close();
            try {
                ledger.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close the acceptance ledger", e);
            }
        }
    }
}
