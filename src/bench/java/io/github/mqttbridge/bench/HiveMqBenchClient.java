package io.github.mqttbridge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The HiveMQ MQTT client's asynchronous MQTT 3 API with its defaults. */
final class HiveMqBenchClient implements BenchClient {
    private final Mqtt3AsyncClient client;

    HiveMqBenchClient(String uri, String clientId) {
        URI parsed = URI.create(uri);
        this.client = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(parsed.getHost()).serverPort(parsed.getPort()).buildAsync();
    }

    @Override
    public void connect() throws Exception {
        client.connectWith().cleanSession(true).send().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws Exception {
        client.subscribeWith().topicFilter(topic).qos(qosOf(qos))
                .callback(publish -> onMessage.accept(publish.getPayloadAsBytes()))
                .send().get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos) {
        return client.publishWith().topic(topic).qos(qosOf(qos)).payload(payload).send();
    }

    static MqttQos qosOf(int qos) {
        return Objects.requireNonNull(MqttQos.fromCode(qos), "qos");
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(30, TimeUnit.SECONDS);
    }
}
