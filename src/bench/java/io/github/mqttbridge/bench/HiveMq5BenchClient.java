package io.github.mqttbridge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The HiveMQ MQTT client's asynchronous MQTT 5 API with its defaults. */
final class HiveMq5BenchClient implements BenchClient {
    private final Mqtt5AsyncClient client;

    HiveMq5BenchClient(String uri, String clientId) {
        URI parsed = URI.create(uri);
        this.client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost(parsed.getHost()).serverPort(parsed.getPort()).buildAsync();
    }

    @Override
    public void connect() throws Exception {
        client.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws Exception {
        client.subscribeWith().topicFilter(topic).qos(HiveMqBenchClient.qosOf(qos))
                .callback(publish -> onMessage.accept(publish.getPayloadAsBytes()))
                .send().get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos) {
        return client.publishWith().topic(topic).qos(HiveMqBenchClient.qosOf(qos)).payload(payload).send();
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(30, TimeUnit.SECONDS);
    }
}
