package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.datatypes.TopicName;

import java.nio.ByteBuffer;

/** PUBLISH, the hot path: no allocation beyond the caller's buffer. */
final class Mqtt3PublishEncoder extends MqttMessageEncoder<PublishPacket> {
    private static final int PACKET_ID_SIZE = 2;

    Mqtt3PublishEncoder() {
        super(PublishPacket.class);
    }

    @Override
    long bodyLength(PublishPacket packet) {
        Mqtt3FieldRules.requireTopicRule(TopicName.problem(packet.topic()), "topic of PUBLISH", packet.topic());
        Mqtt3FieldRules.requireNoProperties(packet.properties(), packet.type());
        return MqttLengthPrefixed.checkedStringSize(packet.topic()) + checkedPayloadAndPacketIdSize(packet);
    }

    /**
     * Checks what MQTT 5.0 keeps of the 3.1.1 rules, all but the topic's, and sizes the packet id and payload.
     */
    static long checkedPayloadAndPacketIdSize(PublishPacket packet) {
        Mqtt3FieldRules.requireQos(packet.qos(), "qos of PUBLISH");
        if (packet.payload() == null) {
            throw new IllegalArgumentException("payload of PUBLISH must not be null");
        }
        if (packet.qos() == 0) {
            if (packet.dup()) {
                throw new IllegalArgumentException("dup must be false for a QoS 0 PUBLISH [MQTT-3.3.1-2]");
            }
            if (packet.packetId() != 0) {
                // A QoS 0 PUBLISH has no packet id field: a non-zero one would be silently lost.
                throw new IllegalArgumentException("packetId of a QoS 0 PUBLISH must be 0, was " + packet.packetId());
            }
        } else {
            Mqtt3FieldRules.requirePacketId(packet.packetId(), packet.type());
        }
        return packet.qos() > 0 ? (long) packet.payload().length + PACKET_ID_SIZE : packet.payload().length;
    }

    @Override
    int flags(PublishPacket packet) {
        return publishFlags(packet);
    }

    static int publishFlags(PublishPacket packet) {
        return (packet.dup() ? 0b1000 : 0) | packet.qos() << 1 | (packet.retain() ? 1 : 0);
    }

    @Override
    void encodeBody(PublishPacket packet, ByteBuffer out) {
        MqttLengthPrefixed.writeString(packet.topic(), out);
        if (packet.qos() > 0) {
            out.putShort((short) packet.packetId());
        }
        out.put(packet.payload());
    }
}
