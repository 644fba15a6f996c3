package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Our client with default options but for the in-flight window, which covers both QoS 1 and QoS 2: at the defaults
 * that is {@code maxInflight} 1000 of which at most {@code maxInflightQos2} 20 at QoS 2.
 */
final class OurBenchClient implements BenchClient {
    private final MqttClient client;
    private final ConnectOptions options;

    OurBenchClient(String uri, String clientId, ConnectOptions options) {
        this.client = new MqttClient(uri, clientId);
        this.options = options;
    }

    @Override
    public void connect() throws Exception {
        client.connect(options).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws Exception {
        client.onMessageArrived(message -> onMessage.accept(message.payloadBytes()));
        client.subscribe(topic, qos).get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos) {
        return client.publish(topic, payload, qos, false);
    }

    @Override
    public void close() throws Exception {
        try {
            client.disconnect().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }
}
