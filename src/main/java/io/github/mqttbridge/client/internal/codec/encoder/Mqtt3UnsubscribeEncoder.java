package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;

import java.nio.ByteBuffer;

final class Mqtt3UnsubscribeEncoder extends MqttMessageEncoder<UnsubscribePacket> {
    private static final int PACKET_ID_SIZE = 2;
    /** Bits 3-0 of UNSUBSCRIBE are fixed at 0010 [MQTT-3.10.1-1], in MQTT 5.0 as well. */
    static final int FLAGS = 0b0010;

    Mqtt3UnsubscribeEncoder() {
        super(UnsubscribePacket.class);
    }

    @Override
    long bodyLength(UnsubscribePacket packet) {
        Mqtt3FieldRules.requireNoProperties(packet.properties(), packet.type());
        return checkedPacketIdAndFiltersSize(packet);
    }

    /** The fields MQTT 5.0 keeps: checks and sizes the packet id and the filters. */
    static long checkedPacketIdAndFiltersSize(UnsubscribePacket packet) {
        Mqtt3FieldRules.requirePacketId(packet.packetId(), packet.type());
        if (packet.filters().isEmpty()) {
            throw new IllegalArgumentException("UNSUBSCRIBE must hold at least one filter [MQTT-3.10.3-2]");
        }
        long length = PACKET_ID_SIZE;
        for (String filter : packet.filters()) {
            Mqtt3FieldRules.requireTopicRule(TopicFilter.problem(filter), "filter of UNSUBSCRIBE", filter);
            length += MqttLengthPrefixed.checkedStringSize(filter);
        }
        return length;
    }

    @Override
    int flags(UnsubscribePacket packet) {
        return FLAGS;
    }

    @Override
    void encodeBody(UnsubscribePacket packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        writeFilters(packet, out);
    }

    static void writeFilters(UnsubscribePacket packet, ByteBuffer out) {
        for (String filter : packet.filters()) {
            MqttLengthPrefixed.writeString(filter, out);
        }
    }
}
