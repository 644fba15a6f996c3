package io.github.mqttbridge.client.internal.persistence;

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

    /** An outbound message as stored: {@code packetId} 0 while it waits for the in-flight window. */
    record StoredPublish(long sequence, int packetId, boolean released, String topic, byte[] payload, int qos,
                         boolean retain) {
    }

    /** What a store held when opened. */
    record Contents(List<StoredPublish> outbound, Set<Integer> inboundAwaitingRelease) {
    }

    /** The state as last recorded; outbound messages in the order they were accepted. */
    Contents load();

    /** A QoS 1 or 2 message was accepted for sending. */
    void outboundAccepted(long sequence, String topic, byte[] payload, int qos, boolean retain);

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
