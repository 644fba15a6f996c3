package io.github.mqttbridge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.github.mqttbridge.connect.sink.RecordingSubscriber;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber on the HiveMQ MQTT client library, at QoS 2 so that it adds no loss of its own; the multi-worker
 * benchmark counts the sink's deliveries with it.
 */
public final class HiveMqSubscriber extends RecordingSubscriber {
    private final Mqtt3AsyncClient client;

    public HiveMqSubscriber(String brokerUri, String filter) throws Exception {
        URI uri = URI.create(brokerUri);
        client = MqttClient.builder().useMqttVersion3().identifier("sub-" + UUID.randomUUID())
                .serverHost(uri.getHost()).serverPort(uri.getPort()).buildAsync();
        client.connectWith().cleanSession(true).send().get(30, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter(filter).qos(MqttQos.EXACTLY_ONCE)
                .callback(p -> received(new Message(p.getTopic().toString(),
                        new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.isRetain())))
                .send().get(30, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return "HiveMQ client";
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
