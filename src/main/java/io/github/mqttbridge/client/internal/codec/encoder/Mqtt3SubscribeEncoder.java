package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;

import java.nio.ByteBuffer;

final class Mqtt3SubscribeEncoder extends Mqtt3MessageEncoder<SubscribePacket> {
    private static final int PACKET_ID_SIZE = 2;
    private static final int QOS_SIZE = 1;

    Mqtt3SubscribeEncoder() {
        super(SubscribePacket.class);
    }

    @Override
    long bodyLength(SubscribePacket packet) {
        Mqtt3FieldRules.requirePacketId(packet.packetId(), packet.type());
        if (packet.subscriptions().isEmpty()) {
            throw new IllegalArgumentException("SUBSCRIBE must hold at least one subscription [MQTT-3.8.3-3]");
        }
        long length = PACKET_ID_SIZE;
        for (Subscription s : packet.subscriptions()) {
            Mqtt3FieldRules.requireTopicRule(TopicFilter.problem(s.filter()), "filter of SUBSCRIBE", s.filter());
            Mqtt3FieldRules.requireQos(s.qos(), "qos of SUBSCRIBE");
            length += MqttLengthPrefixed.checkedStringSize(s.filter()) + QOS_SIZE;
        }
        return length;
    }

    @Override
    int flags(SubscribePacket packet) {
        // Bits 3-0 of SUBSCRIBE are fixed at 0010 [MQTT-3.8.1-1].
        return 0b0010;
    }

    @Override
    void encodeBody(SubscribePacket packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        for (Subscription s : packet.subscriptions()) {
            MqttLengthPrefixed.writeString(s.filter(), out);
            out.put((byte) s.qos());
        }
    }
}
