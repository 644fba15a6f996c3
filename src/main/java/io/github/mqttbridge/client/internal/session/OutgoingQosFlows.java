package io.github.mqttbridge.client.internal.session;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import io.github.mqttbridge.client.internal.persistence.SessionStore.StoredPublish;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Outbound QoS 1 and 2 publishes of one session, from acceptance to their PUBACK or PUBCOMP. At most
 * {@code maxInflight} are unacknowledged at once, and of those at most {@code maxInflightQos2} at QoS 2 unless the
 * server states its own limit (MQTT 5's Receive Maximum), which then bounds both; further
 * publishes wait in order for a free slot instead of failing. In-flight publishes are kept in send order so that a resumed session sends them again in that order.
 * Every change is recorded in the session store first, so a restarted process can pick up where this one
 * stopped. Not thread-safe: the client guards it with its session lock.
 *
 * @param <T> what the caller attaches to each publish to learn of its completion
 */
public final class OutgoingQosFlows<T> {

    /** One publish in flight. {@code released} once PUBREC arrived and PUBREL replaced the PUBLISH. */
    public static final class Flight<T> {
        private final long sequence;
        private PublishPacket packet;
        private boolean released;
        private final T handle;

        Flight(long sequence, PublishPacket packet, boolean released, T handle) {
            this.sequence = sequence;
            this.packet = packet;
            this.released = released;
            this.handle = handle;
        }

        public T handle() {
            return handle;
        }

        public int qos() {
            return packet.qos();
        }

        public String topic() {
            return packet.topic();
        }
    }

    private record Waiting<T>(long sequence, String topic, byte[] payload, int qos, boolean retain,
                              MqttProperties properties, T handle, long acceptedNanos) {
    }

    /** A publish whose MQTT 5 message expiry passed while it waited, so it was never sent. */
    public record Expired<T>(String topic, long interval, T handle) {
    }

    // Valid for the session.
    private final PacketIdPool ids;
    private final SessionStore store;
    private final Map<Integer, Flight<T>> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
    private final int maxInflight;
    private final int maxInflightQos2;
    private int inflightQos2;
    /** inflight.size(), for threads that do not hold the session's lock. */
    private volatile int inflightSeen;
    private int serverReceiveMaximum = 65_535;
    private boolean serverStatesItsLimit;
    private long nextSequence = 1;
    private final LongSupplier nanoClock;
    private final List<Expired<T>> expired = new ArrayList<>();

    /** {@code nanoClock} times how long a publish waited, for its MQTT 5 message expiry. */
    public OutgoingQosFlows(PacketIdPool ids, SessionStore store, int maxInflight, int maxInflightQos2,
                            LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.ids = ids;
        this.store = store;
        this.maxInflight = maxInflight;
        this.maxInflightQos2 = maxInflightQos2;
    }

    /**
     * Takes back what an earlier client with this id left unacknowledged, in its original order. Publishes that
     * had been sent keep their packet ids and go out again with DUP set on {@link #resume(boolean)}.
     */
    public void restore(List<StoredPublish> stored, Function<StoredPublish, T> handles) {
        for (StoredPublish p : stored) {
            nextSequence = Math.max(nextSequence, p.sequence() + 1);
            if (p.packetId() != 0) {
                ids.claim(p.packetId());
                PublishPacket packet = new PublishPacket(p.topic(), p.payload(), p.qos(), p.retain(), true,
                        p.packetId(), p.properties());
                track(new Flight<>(p.sequence(), packet, p.released(), handles.apply(p)));
            } else {
                // The store does not know when it was accepted: its expiry counts from now.
                waiting.add(new Waiting<>(p.sequence(), p.topic(), p.payload(), p.qos(), p.retain(), p.properties(),
                        handles.apply(p), nanoClock.getAsLong()));
            }
        }
    }

    /**
     * Takes a QoS 1 or 2 publish with its MQTT 5 properties (EMPTY on MQTT 3). Returns the PUBLISH to send now, or
     * null when it waits: for room in the window, or, when {@code online} is false, for the next connection.
     */
    public PublishPacket submit(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties,
                                T handle, boolean online) {
        long sequence = nextSequence++;
        store.outboundAccepted(sequence, topic, payload, qos, retain, properties);
        Waiting<T> w = new Waiting<>(sequence, topic, payload, qos, retain, properties, handle,
                nanoClock.getAsLong());
        if (!online || !waiting.isEmpty() || !hasRoomFor(qos)) {
            waiting.add(w);
            return null;
        }
        return start(w);
    }

    /** Sends a waiting publish, or, when its MQTT 5 expiry passed meanwhile, drops it: null then. */
    private PublishPacket start(Waiting<T> w) {
        long now = nanoClock.getAsLong();
        if (MessageExpiry.expired(w.properties, w.acceptedNanos, now)) {
            store.outboundDone(w.sequence);
            expired.add(new Expired<>(w.topic, w.properties.messageExpiryInterval(), w.handle));
            return null;
        }
        int id = ids.allocate();
        store.outboundStarted(w.sequence, id);
        PublishPacket packet = new PublishPacket(w.topic, w.payload, w.qos, w.retain, false, id,
                MessageExpiry.remaining(w.properties, w.acceptedNanos, now));
        track(new Flight<>(w.sequence, packet, false, w.handle));
        return packet;
    }

    private boolean hasRoomFor(int qos) {
        return inflight.size() < Math.min(maxInflight, serverReceiveMaximum)
                && (qos != 2 || serverStatesItsLimit || inflightQos2 < maxInflightQos2);
    }

    /**
     * The server's limit on this connection: on MQTT 5 its Receive Maximum (65535 when it states none), which we
     * never exceed [MQTT-3.3.4-7] and which then replaces {@code maxInflightQos2}, a guard for MQTT 3 servers that
     * cannot say what they take (Mosquitto as installed says 20 on MQTT 5); on MQTT 3, 65535 and not stated.
     */
    public void limitTo(int serverReceiveMaximum, boolean stated) {
        this.serverReceiveMaximum = serverReceiveMaximum;
        this.serverStatesItsLimit = stated;
    }

    private void track(Flight<T> flight) {
        inflight.put(flight.packet.packetId(), flight);
        inflightSeen = inflight.size();
        if (flight.qos() == 2) {
            inflightQos2++;
        }
    }

    /**
     * PUBACK: completes a QoS 1 publish, or a QoS 2 publish not yet released, which a server that downgrades QoS 2
     * to 1 acknowledges this way (RabbitMQ does); the flight's {@link Flight#qos()} tells which.
     */
    public Flight<T> onPubAck(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || flight.released) {
            throw new ProtocolViolationException("PUBACK for packet id " + packetId
                    + ", which is not a publish awaiting its first acknowledgement");
        }
        return finish(flight);
    }

    /** PUBREC: the QoS 2 publish was received; returns the PUBREL to send. */
    public PubRelPacket onPubRec(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || flight.packet.qos() != 2) {
            throw new ProtocolViolationException("PUBREC for packet id " + packetId
                    + ", which is not a QoS 2 publish in flight");
        }
        // A PUBREC repeated after a resend is answered again, as the receiver may have lost our PUBREL.
        if (!flight.released) {
            store.outboundReleased(flight.sequence);
            flight.released = true;
        }
        return new PubRelPacket(packetId);
    }

    /** A PUBREC with a reason code of 0x80 or above: the server refused the QoS 2 publish, which ends here. */
    public Flight<T> onPubRecRefused(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || flight.packet.qos() != 2 || flight.released) {
            throw new ProtocolViolationException("PUBREC for packet id " + packetId
                    + ", which is not a QoS 2 publish awaiting its first acknowledgement");
        }
        return finish(flight);
    }

    /** PUBCOMP: completes a QoS 2 publish. */
    public Flight<T> onPubComp(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || !flight.released) {
            throw new ProtocolViolationException("PUBCOMP for packet id " + packetId
                    + ", which is not a QoS 2 publish awaiting completion");
        }
        return finish(flight);
    }

    private Flight<T> finish(Flight<T> flight) {
        int id = flight.packet.packetId();
        store.outboundDone(flight.sequence);
        inflight.remove(id);
        inflightSeen = inflight.size();
        if (flight.qos() == 2) {
            inflightQos2--;
        }
        ids.release(id);
        return flight;
    }

    /** Moves waiting publishes into the freed window; returns the PUBLISHes to send now. */
    public List<PublishPacket> fillWindow() {
        List<PublishPacket> toSend = new ArrayList<>();
        while (!waiting.isEmpty() && hasRoomFor(waiting.peek().qos)) {
            PublishPacket started = start(waiting.poll());
            if (started != null) {
                toSend.add(started);
            }
        }
        return toSend;
    }

    /**
     * The packets that resume the session on a new connection, in their original order: each unacknowledged
     * PUBLISH again with DUP set [MQTT-4.4.0-1], each released one as PUBREL; then the waiting ones that now fit.
     * When the server has no session for us ({@code sessionPresent} false: a clean session, or a server that lost
     * its state), it has forgotten the QoS 2 messages it acknowledged with PUBREC and would answer their PUBREL with
     * PUBCOMP without ever delivering them; those go out as PUBLISH again, at least once rather than lost.
     */
    public List<MqttPacket> resume(boolean sessionPresent) {
        List<MqttPacket> toSend = new ArrayList<>(inflight.size());
        for (Flight<T> flight : inflight.values()) {
            if (!sessionPresent) {
                flight.released = false;
            }
            if (flight.released) {
                toSend.add(new PubRelPacket(flight.packet.packetId()));
            } else {
                flight.packet = flight.packet.asDuplicate();
                toSend.add(flight.packet);
            }
        }
        toSend.addAll(fillWindow());
        return toSend;
    }

    /**
     * Lets go of every publish and returns their handles, for a client that is closing. The store keeps them:
     * the next client with this id and store sends them.
     */
    public List<T> abandon() {
        List<T> handles = new ArrayList<>(inflight.size() + waiting.size());
        for (Flight<T> flight : inflight.values()) {
            ids.release(flight.packet.packetId());
            handles.add(flight.handle);
        }
        inflight.clear();
        inflightSeen = 0;
        inflightQos2 = 0;
        for (Waiting<T> w : waiting) {
            handles.add(w.handle);
        }
        waiting.clear();
        return handles;
    }

    /** The publishes that expired while they waited, since the last call. */
    public List<Expired<T>> drainExpired() {
        if (expired.isEmpty()) {
            return List.of();
        }
        List<Expired<T>> drained = List.copyOf(expired);
        expired.clear();
        return drained;
    }

    /** The topic of the oldest publish awaiting acknowledgement, or null. */
    public String oldestInflightTopic() {
        return inflight.isEmpty() ? null : inflight.values().iterator().next().packet.topic();
    }

    public int inflightCount() {
        return inflight.size();
    }

    /** The publishes awaiting acknowledgement as of lately; needs no lock. */
    public int inflightSeen() {
        return inflightSeen;
    }

    public int waitingCount() {
        return waiting.size();
    }
}
