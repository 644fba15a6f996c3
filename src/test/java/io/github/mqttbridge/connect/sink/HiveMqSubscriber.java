package io.github.mqttbridge.connect.sink;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A subscriber on the HiveMQ MQTT client library, at QoS 2 so that it adds no loss of its own. */
public final class HiveMqSubscriber implements Subscriber {
    private final Mqtt3AsyncClient client;
    /** Guarded by itself; a copy-on-write list would copy it all on every message of a long stream. */
    private final List<Message> messages = new ArrayList<>();

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

    private void received(Message message) {
        synchronized (messages) {
            messages.add(message);
        }
    }

    @Override
    public String name() {
        return "HiveMQ client";
    }

    @Override
    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
