package io.github.mqttbridge.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho's MqttAsyncClient. Paho refuses a publish beyond maxInflight (REASON_CODE_MAX_INFLIGHT) instead of queueing
 * it, so the adapter holds back with an {@link InflightWindow} of maxInflight, as a Paho application has to.
 */
final class PahoBenchClient implements BenchClient {
    private static final long TIMEOUT_MILLIS = 30_000;

    private final MqttAsyncClient client;
    private final int maxInflight;
    private final InflightWindow inflight;
    private volatile Consumer<byte[]> onMessage = payload -> { };

    PahoBenchClient(String uri, String clientId, int maxInflight) throws MqttException {
        // Paho's default persistence writes every QoS 1/2 message to files in the working directory.
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        this.maxInflight = maxInflight;
        this.inflight = new InflightWindow(maxInflight, PahoBenchClient::refusedForFullWindow);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("paho " + clientId + " lost its connection: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    @Override
    public void connect() throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(maxInflight);
        client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
    }

    @Override
    public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws MqttException {
        this.onMessage = onMessage;
        client.subscribe(topic, qos).waitForCompletion(TIMEOUT_MILLIS);
    }

    @Override
    public CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos) throws Exception {
        return inflight.publish(done -> client.publish(topic, payload, qos, false, null, completing(done)));
    }

    private static IMqttActionListener completing(CompletableFuture<Void> done) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
    }

    private static boolean refusedForFullWindow(Exception e) {
        return e instanceof MqttException refused && refused.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT;
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        } finally {
            client.close();
        }
    }
}
