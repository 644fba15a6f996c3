package io.github.mqttbridge.client.session;

import io.github.mqttbridge.client.codec.packet.MqttPacket;
import io.github.mqttbridge.client.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.codec.packet.PublishPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outbound QoS 1 and 2 publishes of one session, from the PUBLISH to its PUBACK or PUBCOMP. At most
 * {@code maxInflight} are unacknowledged at once; further publishes wait in order for a free slot instead of
 * failing. In-flight publishes are kept in send order so that a resumed session sends them again in that order.
 * Not thread-safe: the client guards it with its session lock.
 *
 * @param <T> what the caller attaches to each publish to learn of its completion
 */
public final class OutgoingQosFlows<T> {

    /** One publish in flight. {@code released} once PUBREC arrived and PUBREL replaced the PUBLISH. */
    public static final class Flight<T> {
        private PublishPacket packet;
        private boolean released;
        private final T handle;

        Flight(PublishPacket packet, T handle) {
            this.packet = packet;
            this.handle = handle;
        }

        public PublishPacket packet() {
            return packet;
        }

        public boolean released() {
            return released;
        }

        public T handle() {
            return handle;
        }
    }

    private record Waiting<T>(String topic, byte[] payload, int qos, boolean retain, T handle) {
    }

    // Valid for the session.
    private final PacketIdPool ids;
    private final Map<Integer, Flight<T>> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
    private final int maxInflight;

    public OutgoingQosFlows(PacketIdPool ids, int maxInflight) {
        this.ids = ids;
        this.maxInflight = maxInflight;
    }

    /**
     * Takes a QoS 1 or 2 publish. Returns the PUBLISH to send now, or null when the window is full and it waits
     * (or when {@code sendNow} is false: the caller is offline and will send it on {@link #resume()}).
     */
    public PublishPacket submit(String topic, byte[] payload, int qos, boolean retain, T handle, boolean sendNow) {
        if (!sendNow || !waiting.isEmpty() || inflight.size() >= maxInflight) {
            waiting.add(new Waiting<>(topic, payload, qos, retain, handle));
            return null;
        }
        return start(topic, payload, qos, retain, handle);
    }

    private PublishPacket start(String topic, byte[] payload, int qos, boolean retain, T handle) {
        int id = ids.allocate();
        PublishPacket packet = new PublishPacket(topic, payload, qos, retain, false, id);
        inflight.put(id, new Flight<>(packet, handle));
        return packet;
    }

    /** PUBACK: completes a QoS 1 publish. */
    public Flight<T> onPubAck(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || flight.packet.qos() != 1) {
            throw new ProtocolViolationException("PUBACK for packet id " + packetId
                    + ", which is not a QoS 1 publish awaiting acknowledgement");
        }
        return finish(packetId);
    }

    /** PUBREC: the QoS 2 publish was received; returns the PUBREL to send. */
    public PubRelPacket onPubRec(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || flight.packet.qos() != 2) {
            throw new ProtocolViolationException("PUBREC for packet id " + packetId
                    + ", which is not a QoS 2 publish in flight");
        }
        // A PUBREC repeated after a resend is answered again, as the receiver may have lost our PUBREL.
        flight.released = true;
        return new PubRelPacket(packetId);
    }

    /** PUBCOMP: completes a QoS 2 publish. */
    public Flight<T> onPubComp(int packetId) throws ProtocolViolationException {
        Flight<T> flight = inflight.get(packetId);
        if (flight == null || !flight.released) {
            throw new ProtocolViolationException("PUBCOMP for packet id " + packetId
                    + ", which is not a QoS 2 publish awaiting completion");
        }
        return finish(packetId);
    }

    private Flight<T> finish(int packetId) {
        Flight<T> flight = inflight.remove(packetId);
        ids.release(packetId);
        return flight;
    }

    /** Moves waiting publishes into the freed window; returns the PUBLISHes to send now. */
    public List<PublishPacket> fillWindow() {
        List<PublishPacket> toSend = new ArrayList<>();
        while (!waiting.isEmpty() && inflight.size() < maxInflight) {
            Waiting<T> w = waiting.poll();
            toSend.add(start(w.topic, w.payload, w.qos, w.retain, w.handle));
        }
        return toSend;
    }

    /**
     * The packets that resume the session on a new connection, in their original order: each unacknowledged
     * PUBLISH again with DUP set [MQTT-4.4.0-1], each released one as PUBREL; then the waiting ones that now fit.
     */
    public List<MqttPacket> resume() {
        List<MqttPacket> toSend = new ArrayList<>(inflight.size());
        for (Flight<T> flight : inflight.values()) {
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

    /** Removes every publish, in flight or waiting, and returns their handles: the session is being discarded. */
    public List<T> clear() {
        List<T> handles = new ArrayList<>(inflight.size() + waiting.size());
        for (Iterator<Flight<T>> it = inflight.values().iterator(); it.hasNext(); ) {
            Flight<T> flight = it.next();
            ids.release(flight.packet.packetId());
            handles.add(flight.handle);
            it.remove();
        }
        for (Waiting<T> w : waiting) {
            handles.add(w.handle);
        }
        waiting.clear();
        return handles;
    }

    public int inflightCount() {
        return inflight.size();
    }

    public int waitingCount() {
        return waiting.size();
    }
}
