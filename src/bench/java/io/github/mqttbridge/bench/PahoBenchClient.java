package io.github.mqttbridge.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
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
 * it, so the adapter holds back with a semaphore of maxInflight permits, as a Paho application has to.
 */
final class PahoBenchClient implements BenchClient {
    private static final long TIMEOUT_MILLIS = 30_000;

    private final MqttAsyncClient client;
    private final int maxInflight;
    private final Semaphore inflight;
    private volatile Consumer<byte[]> onMessage = payload -> { };

    PahoBenchClient(String uri, String clientId, int maxInflight) throws MqttException {
        // Paho's default persistence writes every QoS 1/2 message to files in the working directory.
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        this.maxInflight = maxInflight;
        this.inflight = new Semaphore(maxInflight);
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
        inflight.acquire();
        CompletableFuture<Void> done = new CompletableFuture<>();
        IMqttActionListener listener = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inflight.release();
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                inflight.release();
                done.completeExceptionally(failure);
            }
        };
        while (true) {
            try {
                client.publish(topic, payload, qos, false, null, listener);
                return done;
            } catch (MqttException e) {
                // Paho may call the listener a moment before it lowers its own in-flight count.
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    inflight.release();
                    throw e;
                }
                LockSupport.parkNanos(20_000);
            }
        }
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
