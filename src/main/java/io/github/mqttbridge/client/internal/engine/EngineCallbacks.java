package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;

/**
 * The application's side of the engine, as the client's API implements it; always called on the client's callback
 * thread, except {@link #restored}.
 *
 * @param <M> the application's form of an outbound message
 */
public interface EngineCallbacks<M> {
    void connected(boolean reconnect, String uri);

    /** The connection was lost, or closed by the application ({@code byUser}, with a null cause). */
    void connectionLost(EngineFailure cause, String uri, boolean byUser);

    /**
     * A message arrived. {@code ack} acknowledges it when the application does so itself (manual acks), and is
     * null otherwise or for QoS 0.
     */
    void messageArrived(PublishPacket publish, Runnable ack);

    void delivered(M message);

    /** False while no one listens for deliveries, which then cost no hand-over to the callback thread. */
    boolean wantsDelivered();

    /** An outbound message an earlier client left in the session store, in the application's form. */
    M restored(String topic, byte[] payload, int qos, boolean retain);
}
