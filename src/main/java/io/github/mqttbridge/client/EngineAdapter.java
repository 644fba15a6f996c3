package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.engine.EngineCallbacks;
import io.github.mqttbridge.client.internal.engine.EngineFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The engine as the API shows it: the engine's callbacks reach the application's listeners in the API's types,
 * and the engine's failures reach the application's futures as {@link MqttException}s.
 */
final class EngineAdapter implements EngineCallbacks<MqttMessage> {
    volatile MqttClient.ConnectedListener onConnected = (reconnect, u) -> { };
    volatile Consumer<ConnectionLost> onConnectionLost = lost -> { };
    volatile Consumer<MqttMessage> onMessageArrived = message -> { };
    volatile Consumer<MqttMessage> onMessageDelivered;

    /** The engine's future as the API's: a failure becomes the MqttException of the same code. */
    static <T> CompletableFuture<T> api(CompletableFuture<T> engine) {
        CompletableFuture<T> result = new CompletableFuture<>();
        engine.whenComplete((value, error) -> {
            Throwable cause = error instanceof CompletionException wrapped ? wrapped.getCause() : error;
            if (cause == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(cause instanceof EngineFailure f ? MqttException.of(f) : cause);
            }
        });
        return result;
    }

    @Override
    public void connected(boolean reconnect, String uri) {
        onConnected.connected(reconnect, uri);
    }

    @Override
    public void connectionLost(EngineFailure cause, String uri, boolean byUser) {
        onConnectionLost.accept(byUser
                ? new ConnectionLost(MqttErrorCode.OK, "disconnected by the application", uri, null)
                : new ConnectionLost(MqttErrorCode.valueOf(cause.kind().name()), cause.getMessage(), uri,
                        MqttException.of(cause), cause.reasonCode()));
    }

    @Override
    public void messageArrived(PublishPacket p, Runnable ack) {
        onMessageArrived.accept(MqttMessage.arrived(p, ack));
    }

    @Override
    public void delivered(MqttMessage message) {
        Consumer<MqttMessage> listener = onMessageDelivered;
        if (listener != null) {
            listener.accept(message);
        }
    }

    @Override
    public boolean wantsDelivered() {
        return onMessageDelivered != null;
    }

    @Override
    public MqttMessage restored(String topic, byte[] payload, int qos, boolean retain) {
        return MqttMessage.outbound(topic, payload, qos, retain);
    }
}
