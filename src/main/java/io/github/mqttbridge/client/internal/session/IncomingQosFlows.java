package io.github.mqttbridge.client.internal.session;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound QoS 1 and 2 publishes of one session. A message is acknowledged (PUBACK or PUBREC) only once the
 * application has it; acknowledgements leave in the order the messages arrived [MQTT-4.6.0-2, MQTT-4.6.0-3]
 * whatever order the application acknowledges in. A QoS 2 message is delivered once per packet id until the
 * server releases it with PUBREL, so a re-sent PUBLISH is not delivered twice; the ids acknowledged with PUBREC
 * are kept in the session store, so this holds across a restart of the process too. With a {@link ReceiptKeeper}
 * the application keeps those ids instead, and a PUBCOMP waits until it has forgotten the released id. Not
 * thread-safe: the client guards it with its session lock.
 */
public final class IncomingQosFlows {
    private static final Logger log = LoggerFactory.getLogger(IncomingQosFlows.class);

    /** What to do with an inbound PUBLISH. */
    public enum Verdict {
        /** Hand it to the application; acknowledge when it says so. */
        DELIVER,
        /** A QoS 2 PUBLISH already delivered and acknowledged: do not deliver; send PUBREC again. */
        REPEAT_PUBREC,
        /** A QoS 2 PUBLISH already delivered and not yet acknowledged by the application: ignore it. */
        IGNORE
    }

    /** What to do about a PUBREL: the PUBCOMP to send now (null for none), and whether to tell the keeper. */
    public record Release(PubCompPacket reply, boolean toKeeper) {
    }

    /** An acknowledgement owed to the server, valid for the connection it arrived on. */
    public static final class PendingAck {
        private final int packetId;
        private final int qos;
        private long connection;
        private boolean acked;

        private PendingAck(int packetId, int qos, long connection) {
            this.packetId = packetId;
            this.qos = qos;
            this.connection = connection;
        }
    }

    /** Valid for the session: QoS 2 ids delivered and not yet released; true once their PUBREC was sent. */
    private final Map<Integer, Boolean> awaitingRelease = new HashMap<>();
    /** Valid for the session: ids released by the server whose PUBCOMP waits for the keeper to forget them. */
    private final Set<Integer> releasing = new HashSet<>();
    /** Valid for the connection: acknowledgements owed, in arrival order. */
    private final ArrayDeque<PendingAck> pendingAcks = new ArrayDeque<>();
    /** pendingAcks.size(), for threads that do not hold the session's lock. */
    private volatile int pendingAcksSeen;
    /** Valid for the connection: QoS 1 and 2 ids that arrived on it and are not yet finished (PUBACK, PUBCOMP). */
    private final Set<Integer> unfinished = new HashSet<>();
    /** Valid for the connection: whether the server went past our receive maximum on it (said once). */
    private boolean receiveMaximumExceeded;
    /** Valid for the connection: how many {@link #unfinished} the server may have (our MQTT 5 receive maximum). */
    private int receiveMaximum = Integer.MAX_VALUE;
    private final SessionStore store;
    /** The application's record of the ids delivered and not released, or null when the store alone keeps them. */
    private final ReceiptKeeper keeper;
    private long connection;

    public IncomingQosFlows(SessionStore store) {
        this(store, null);
    }

    /** Takes over the ids awaiting release from the store and from {@code keeper} (null for none). */
    public IncomingQosFlows(SessionStore store, ReceiptKeeper keeper) {
        this.store = store;
        this.keeper = keeper;
        for (int id : store.load().inboundAwaitingRelease()) {
            awaitingRelease.put(id, true);
        }
        if (keeper != null) {
            keeper.held().forEach(id -> awaitingRelease.put(id, true));
        }
    }

    /**
     * A new connection. A QoS 1 acknowledgement owed on the old one is void: the server sends the message again
     * and the acknowledgement of that copy is the one that counts, so a late ack can never match an id the server
     * has since reused. A QoS 2 message is identified by its packet id for the whole session, so its PUBREC is
     * still owed and goes out on the new connection once the application is done; the server's resend of it is
     * not delivered again.
     */
    public void onNewConnection() {
        connection++;
        unfinished.clear();
        receiveMaximumExceeded = false;
        ArrayDeque<PendingAck> stillOwed = new ArrayDeque<>();
        for (PendingAck ack : pendingAcks) {
            if (ack.qos == 2) {
                ack.connection = connection;
                stillOwed.add(ack);
            }
        }
        pendingAcks.clear();
        pendingAcks.addAll(stillOwed);
        pendingAcksSeen = pendingAcks.size();
    }

    /**
     * Decides about an inbound PUBLISH. A QoS 2 PUBLISH whose id we hold is a resend only if it says so with
     * DUP: a server sets DUP on every resend [MQTT-3.3.1-1] and reuses an id only after our PUBCOMP, so an id we
     * hold arriving without DUP is a new message from a server that lost its state (a broker restored from an
     * older save). It replaces the old flow instead of being swallowed as a duplicate.
     *
     * <p>A server past our receive maximum [MQTT-3.3.4-9] is warned about, not disconnected with 0x93: Mosquitto
     * 2.0 with {@code max_inflight_messages 0} sends a resumed session's whole backlog at once, and would send it
     * again on every new connection, so ending the connection would never let the session drain. What holds the
     * memory bound is the inbound queue, which stops reading the socket.
     */
    public Verdict onPublish(PublishPacket publish) {
        if (publish.qos() > 0 && !unfinished.contains(publish.packetId())) {
            if (unfinished.size() >= receiveMaximum && !receiveMaximumExceeded) {
                receiveMaximumExceeded = true;
                log.warn("The server sent a QoS {} PUBLISH while {} were unacknowledged, more than our receive "
                        + "maximum of {} [MQTT-3.3.4-9]; taken all the same, as ending the connection would only "
                        + "make it send them again", publish.qos(), unfinished.size(), receiveMaximum);
            }
            unfinished.add(publish.packetId());
        }
        if (publish.qos() == 2) {
            // The server reuses an id only after PUBCOMP: one still being released means it lost its state.
            releasing.remove(publish.packetId());
            Boolean recSent = awaitingRelease.get(publish.packetId());
            if (recSent != null && !publish.dup()) {
                forget(publish.packetId());
                recSent = null;
            }
            if (recSent != null) {
                return recSent ? Verdict.REPEAT_PUBREC : Verdict.IGNORE;
            }
            awaitingRelease.put(publish.packetId(), false);
        }
        return Verdict.DELIVER;
    }

    /** Drops a QoS 2 flow the server abandoned, and the acknowledgement owed for it. */
    private void forget(int packetId) {
        if (Boolean.TRUE.equals(awaitingRelease.remove(packetId))) {
            store.inboundReleased(packetId);
        }
        pendingAcks.removeIf(ack -> ack.qos == 2 && ack.packetId == packetId);
        pendingAcksSeen = pendingAcks.size();
    }

    /** Registers the acknowledgement owed for a delivered QoS 1 or 2 message. */
    public PendingAck expectAck(PublishPacket publish) {
        PendingAck ack = new PendingAck(publish.packetId(), publish.qos(), connection);
        pendingAcks.add(ack);
        pendingAcksSeen = pendingAcks.size();
        return ack;
    }

    /**
     * The application is done with a message. Returns the acknowledgements that may now be sent: this one and
     * those after it, but only once every message that arrived before it is acknowledged too.
     */
    public List<MqttPacket> ack(PendingAck ack) {
        if (ack.acked || ack.connection != connection) {
            return List.of();
        }
        ack.acked = true;
        List<MqttPacket> toSend = new ArrayList<>(1);
        releaseAcknowledged(toSend);
        return toSend;
    }

    /** Sends the acknowledgements at the head of the queue that the application has given. */
    private void releaseAcknowledged(List<MqttPacket> toSend) {
        while (!pendingAcks.isEmpty() && pendingAcks.peek().acked) {
            PendingAck head = pendingAcks.poll();
            if (head.qos == 1) {
                unfinished.remove(head.packetId);
                toSend.add(new PubAckPacket(head.packetId));
            } else {
                store.inboundReceived(head.packetId);
                awaitingRelease.put(head.packetId, true);
                toSend.add(new PubRecPacket(head.packetId));
            }
        }
        pendingAcksSeen = pendingAcks.size();
    }

    /**
     * A message that never reached the application (its hand-over was abandoned because the connection ended):
     * forget it, so that the server's resend is delivered, and let the acknowledgements queued behind it go.
     */
    public List<MqttPacket> undelivered(PendingAck ack) {
        pendingAcks.remove(ack);
        if (ack.qos == 2 && Boolean.FALSE.equals(awaitingRelease.get(ack.packetId))) {
            awaitingRelease.remove(ack.packetId);
        }
        List<MqttPacket> toSend = new ArrayList<>(1);
        releaseAcknowledged(toSend);
        return toSend;
    }

    /**
     * PUBREL: the server released a QoS 2 message; answer PUBCOMP. A PUBREL for an id we no longer hold is a
     * repeat after our PUBCOMP was lost, and is answered too [MQTT-4.3.3-1]; one for a message whose PUBREC we
     * have not sent yet breaks the flow. With a keeper, the PUBCOMP of an id we held waits for {@link #forgotten},
     * and a repeated PUBREL meanwhile is not answered: answering early would let the server reuse the id while
     * the keeper may still say it is held, and a crash then would take the new message for a resend.
     */
    public Release onPubRel(int packetId) throws ProtocolViolationException {
        Boolean recSent = awaitingRelease.get(packetId);
        if (recSent != null && !recSent) {
            throw new ProtocolViolationException("PUBREL for packet id " + packetId + " before its PUBREC was sent");
        }
        unfinished.remove(packetId);
        if (releasing.contains(packetId)) {
            return new Release(null, false);
        }
        if (awaitingRelease.remove(packetId) != null) {
            store.inboundReleased(packetId);
            if (keeper != null) {
                releasing.add(packetId);
                return new Release(null, true);
            }
        }
        return new Release(new PubCompPacket(packetId), false);
    }

    /** The keeper forgot a released id: its PUBCOMP, or null when the server has started over meanwhile. */
    public PubCompPacket forgotten(int packetId) {
        return releasing.remove(packetId) ? new PubCompPacket(packetId) : null;
    }

    /** Discards all state: the server started a clean session. */
    public void clear() {
        if (!awaitingRelease.isEmpty()) {
            store.clearInbound();
        }
        awaitingRelease.clear();
        pendingAcks.clear();
        pendingAcksSeen = 0;
        releasing.clear();
        if (keeper != null) {
            keeper.sessionLost();
        }
    }

    /**
     * Our MQTT 5 receive maximum on the current connection: a server past it is warned about once
     * [MQTT-3.3.4-9]. Integer.MAX_VALUE for MQTT 3, which has none.
     */
    public void limitTo(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
    }

    public int pendingAckCount() {
        return pendingAcks.size();
    }

    /** The server's publishes we owe an acknowledgement, as of lately; needs no lock. */
    public int pendingAcksSeen() {
        return pendingAcksSeen;
    }
}
