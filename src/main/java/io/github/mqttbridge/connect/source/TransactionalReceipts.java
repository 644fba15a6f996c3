package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttReceiptKeeper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QoS 2 receipts of a task delivering exactly once: the packet ids of its MQTT session whose messages are in
 * Kafka, or on their way in an open transaction, and that the broker has not released. Every record's source
 * offset carries them, so they commit in the transaction that commits the records, and the next task with this
 * client id reads them back: a message the broker sends again after a crash is acknowledged without a second
 * record. A released id is forgotten in the next offset, a record's or, when no message flows, a heartbeat's,
 * and its PUBCOMP waits until that offset has committed: after PUBCOMP the broker may give the id to a new
 * message, which an id still committed as held would make the next task take for a resend.
 */
final class TransactionalReceipts implements MqttReceiptKeeper {
    private static final Logger log = LoggerFactory.getLogger(TransactionalReceipts.class);
    static final String OFFSET_HELD = "mqtt.qos2.held";

    /** A release whose PUBCOMP waits for an offset stamped after {@code afterSequence} to commit. */
    private record Release(Runnable forgotten, long afterSequence) {
    }

    private final PacketIdRuns held;
    private final List<Release> releases = new ArrayList<>();
    private final Set<SourceRecord> heartbeats = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, ?> partition;
    private final String heartbeatTopic;
    private final String clientId;
    private final Runnable wakePoll;
    private long lastStamp;
    /** Whether {@link #held} changed since the last offset was stamped, so that an offset must carry the change. */
    private boolean unstamped;

    private TransactionalReceipts(PacketIdRuns held, Map<String, ?> partition, String heartbeatTopic,
                                  String clientId, Runnable wakePoll) {
        this.held = held;
        this.partition = partition;
        this.heartbeatTopic = heartbeatTopic;
        this.clientId = clientId;
        this.wakePoll = wakePoll;
    }

    /**
     * The receipts as the last committed offset of {@code partition} left them. {@code wakePoll} makes a waiting
     * poll() return, so that a heartbeat goes out when a release needs one.
     */
    static TransactionalReceipts resume(OffsetStorageReader offsets, Map<String, ?> partition, String heartbeatTopic,
                                        String clientId, Runnable wakePoll) {
        Map<String, Object> offset = offsets.offset(partition);
        Object text = offset == null ? null : offset.get(OFFSET_HELD);
        PacketIdRuns held;
        try {
            held = PacketIdRuns.parse(text == null ? "" : text.toString());
        } catch (IllegalArgumentException e) {
            throw new ConnectException("The committed source offset of " + partition + " is not one this connector "
                    + "wrote: " + e.getMessage() + ". Exactly once cannot resume from it; reset the connector's "
                    + "offsets (DELETE /connectors/<name>/offsets while it is stopped)");
        }
        return new TransactionalReceipts(held, partition, heartbeatTopic, clientId, wakePoll);
    }

    @Override
    public synchronized Set<Integer> held() {
        return held.toSet();
    }

    /**
     * The offset value of the record made as number {@code sequence} for a message of {@code qos} with
     * {@code packetId}: the ids held, with its own if it came at QoS 2.
     */
    synchronized String stamp(int qos, int packetId, long sequence) {
        if (qos == 2) {
            held.add(packetId);
        }
        return stampLocked(sequence);
    }

    private String stampLocked(long sequence) {
        lastStamp = sequence;
        unstamped = false;
        return held.toString();
    }

    /** Whether a change waits for an offset to carry it: then poll() should not wait for messages. */
    synchronized boolean unstamped() {
        return unstamped;
    }

    /** A record for the heartbeat topic that commits the receipts as they are now, or null when none is needed. */
    synchronized SourceRecord heartbeat(long sequence) {
        if (!unstamped) {
            return null;
        }
        String ids = stampLocked(sequence);
        // No value: the offset is what commits, and a null passes whatever value converter the connector has.
        SourceRecord heartbeat = new SourceRecord(partition,
                Map.of(SourceRecordMapper.OFFSET_RECEIVED, sequence, OFFSET_HELD, ids), heartbeatTopic, null,
                Schema.STRING_SCHEMA, clientId, null, null, System.currentTimeMillis());
        heartbeats.add(heartbeat);
        return heartbeat;
    }

    /** An id held and not yet committed as forgotten is answered once an offset without it commits. */
    @Override
    public void released(int packetId, Runnable forgotten) {
        boolean wasHeld;
        synchronized (this) {
            wasHeld = held.remove(packetId);
            if (wasHeld) {
                releases.add(new Release(forgotten, lastStamp));
                unstamped = true;
            }
        }
        if (wasHeld) {
            wakePoll.run();
        } else {
            // Never in a committed offset (a skipped message): nothing to forget.
            forgotten.run();
        }
    }

    @Override
    public void sessionLost() {
        synchronized (this) {
            held.clear();
            releases.clear();
            unstamped = true;
        }
        wakePoll.run();
    }

    /**
     * The transaction holding {@code record}, stamped {@code sequence}, committed. If Kafka took the record
     * ({@code written}), its offset committed with it, and the releases that offset covers get their PUBCOMP; a
     * record a transform dropped had its offset dropped too. Says whether the record was a heartbeat.
     */
    boolean committed(SourceRecord record, long sequence, boolean written) {
        List<Runnable> due = new ArrayList<>();
        boolean heartbeat;
        synchronized (this) {
            if (written) {
                releases.removeIf(r -> r.afterSequence() < sequence && due.add(r.forgotten()));
            }
            heartbeat = heartbeats.remove(record);
            if (heartbeat && !written) {
                // Stamp again if releases wait: the next poll writes another heartbeat rather than leave the broker
                // waiting. Or-ed, so that a change made since (a lost session) is not forgotten.
                unstamped |= !releases.isEmpty();
            }
        }
        if (heartbeat && !written) {
            log.warn("A transform dropped the heartbeat record for topic '{}' of MQTT client '{}': the broker's "
                    + "released QoS 2 messages wait until a record commits. Let the transforms pass that topic.",
                    heartbeatTopic, clientId);
        }
        due.forEach(Runnable::run);
        return heartbeat;
    }
}
