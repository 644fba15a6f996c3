package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.datatypes.TopicName;

import java.nio.ByteBuffer;

/**
 * PUBLISH in MQTT 5.0: the 3.1.1 fields with properties between the packet id and the payload. The hot path: no
 * allocation beyond the caller's buffer, and one byte for absent properties.
 */
final class Mqtt5PublishEncoder extends MqttMessageEncoder<PublishPacket> {
    private final boolean fromClient;

    /** @param fromClient whether the client sends, which must leave out subscription identifiers */
    Mqtt5PublishEncoder(boolean fromClient) {
        super(PublishPacket.class);
        this.fromClient = fromClient;
    }

    @Override
    long bodyLength(PublishPacket packet) {
        int propertiesSize = Mqtt5PropertyWriter.size(packet.properties(), PropertyScope.PUBLISH);
        if (fromClient && packet.properties().has(MqttProperty.SUBSCRIPTION_IDENTIFIER)) {
            throw new IllegalArgumentException("a PUBLISH from a client must not carry a subscription identifier"
                    + " [MQTT-3.3.4-6]");
        }
        // A topic alias may stand for the topic, which may then be empty (MQTT 5.0 section 3.3.2.3.4).
        boolean aliased = packet.topic() != null && packet.topic().isEmpty() && packet.properties().topicAlias() != null;
        if (!aliased) {
            Mqtt3FieldRules.requireTopicRule(TopicName.problem(packet.topic()), "topic of PUBLISH", packet.topic());
        }
        return MqttLengthPrefixed.checkedStringSize(packet.topic()) + propertiesSize
                + Mqtt3PublishEncoder.checkedPayloadAndPacketIdSize(packet);
    }

    @Override
    int flags(PublishPacket packet) {
        return Mqtt3PublishEncoder.publishFlags(packet);
    }

    @Override
    void encodeBody(PublishPacket packet, ByteBuffer out) {
        MqttLengthPrefixed.writeString(packet.topic(), out);
        if (packet.qos() > 0) {
            out.putShort((short) packet.packetId());
        }
        Mqtt5PropertyWriter.write(packet.properties(), out);
        out.put(packet.payload());
    }
}
