package io.github.mqttbridge.client.internal.persistence;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import java.io.Closeable;
import java.util.List;
import java.util.Set;

/**
 * Where a session keeps what must outlive the process: outbound QoS 1 and 2 messages until the server
 * acknowledged them, and the ids of inbound QoS 2 messages acknowledged with PUBREC but not yet released. Each
 * call records one state change; implementations decide how durable it is. Failures are
 * {@link java.io.UncheckedIOException}s. Called under the client's session lock, one call at a time.
 */
public interface SessionStore extends Closeable {

    /**
     * An outbound message as stored: {@code packetId} 0 while it waits for the in-flight window; its MQTT 5
     * properties EMPTY when it has none.
     */
    record StoredPublish(long sequence, int packetId, boolean released, String topic, byte[] payload, int qos,
                         boolean retain, MqttProperties properties) {

        /** The message as it was accepted, without MQTT 5 properties. */
        public StoredPublish(long sequence, int packetId, boolean released, String topic, byte[] payload, int qos,
                             boolean retain) {
            this(sequence, packetId, released, topic, payload, qos, retain, MqttProperties.EMPTY);
        }

        StoredPublish started(int id) {
            return new StoredPublish(sequence, id, released, topic, payload, qos, retain, properties);
        }

        StoredPublish released(boolean isReleased) {
            return new StoredPublish(sequence, packetId, isReleased, topic, payload, qos, retain, properties);
        }
    }

    /** What a store held when opened. */
    record Contents(List<StoredPublish> outbound, Set<Integer> inboundAwaitingRelease) {
    }

    /** The state as last recorded; outbound messages in the order they were accepted. */
    Contents load();

    /** A QoS 1 or 2 message was accepted for sending, with its MQTT 5 properties (EMPTY when it has none). */
    void outboundAccepted(long sequence, String topic, byte[] payload, int qos, boolean retain,
                          MqttProperties properties);

    /** The message was given a packet id and entered the in-flight window. */
    void outboundStarted(long sequence, int packetId);

    /** PUBREC arrived for the QoS 2 message: from now on PUBREL is what gets resent. */
    void outboundReleased(long sequence);

    /** The server acknowledged the message (PUBACK or PUBCOMP), or it was abandoned. */
    void outboundDone(long sequence);

    /** PUBREC was sent for an inbound QoS 2 message. */
    void inboundReceived(int packetId);

    /** PUBREL arrived for an inbound QoS 2 message; its id is free again. */
    void inboundReleased(int packetId);

    /** The server started a clean session: inbound QoS 2 state no longer means anything. */
    void clearInbound();

    @Override
    void close();
}
