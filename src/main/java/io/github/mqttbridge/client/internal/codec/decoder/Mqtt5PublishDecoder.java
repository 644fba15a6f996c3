package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/** PUBLISH in MQTT 5.0: the 3.1.1 fields with properties between the packet id and the payload. */
final class Mqtt5PublishDecoder implements MqttMessageDecoder {
    private final boolean fromClient;

    /** @param fromClient whether a client sends what this decodes, which must leave out subscription identifiers */
    Mqtt5PublishDecoder(boolean fromClient) {
        this.fromClient = fromClient;
    }

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        int qos = Mqtt3PublishDecoder.qos(flags);
        String topic = body.readString("topic name");
        int packetId = qos > 0 ? body.readPacketId() : 0;
        MqttProperties properties = Mqtt5PropertyReader.read(body, PropertyScope.PUBLISH);
        if (fromClient && properties.has(MqttProperty.SUBSCRIPTION_IDENTIFIER)) {
            throw new MqttDecodeException("a PUBLISH from a client must not carry a subscription identifier"
                    + " [MQTT-3.3.4-6]");
        }
        // A topic alias may stand for the topic, which is then empty; with none, that is a Protocol Error (MQTT 5.0
        // section 3.3.2.3.4).
        if (topic.isEmpty() && properties.topicAlias() == null) {
            throw MqttDecodeException.protocolError("topic name of an inbound PUBLISH must not be empty without a"
                    + " topic alias (MQTT 5.0 section 3.3.2.3.4)");
        }
        if (!topic.isEmpty()) {
            Mqtt3PublishDecoder.requireTopic(topic);
        }
        return new PublishPacket(topic, body.readRest(), qos, Mqtt3PublishDecoder.retain(flags),
                Mqtt3PublishDecoder.dup(flags), packetId, properties);
    }
}
