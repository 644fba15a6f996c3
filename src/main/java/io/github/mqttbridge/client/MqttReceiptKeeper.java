package io.github.mqttbridge.client;

import java.util.Set;

/**
 * Keeps, in the application's hands, which inbound QoS 2 messages the application has taken and the server has
 * not yet released, for exactly-once delivery across a crash of the process. QoS 2 lets a receiver recognise a
 * resent message by its packet id until the server releases it (PUBREL); the client remembers those ids only as
 * long as its session store does. An application that writes each message and this record of ids in one atomic
 * step (a Kafka transaction, a database transaction) keeps them itself: after a crash, a resend of a message it
 * already has is acknowledged without being delivered again.
 *
 * <p>Use it with {@code manualAcks(true)}, acknowledging a message only once it and its id are durable. The
 * client calls these methods on its own threads; they must not block.
 */
public interface MqttReceiptKeeper {

    /**
     * The packet ids of QoS 2 messages this session took, acknowledged and the server has not released, as
     * durably recorded; asked once, when the session opens on the first connect.
     */
    Set<Integer> held();

    /**
     * The server released {@code packetId} (PUBREL). Forget it durably, then run {@code forgotten}: the client
     * answers PUBCOMP only then, as afterwards the server may give the id to a new message, and an id still
     * recorded as held would make a crash take that new message for a resend.
     */
    void released(int packetId, Runnable forgotten);

    /** The server has no session for this client (a CONNACK without one): every id held is void. */
    void sessionLost();
}
