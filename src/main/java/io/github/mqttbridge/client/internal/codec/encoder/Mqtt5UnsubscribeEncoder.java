package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;

import java.nio.ByteBuffer;

/** UNSUBSCRIBE in MQTT 5.0: the 3.1.1 fields with properties after the packet id (MQTT 5.0 section 3.10). */
final class Mqtt5UnsubscribeEncoder extends MqttMessageEncoder<UnsubscribePacket> {

    Mqtt5UnsubscribeEncoder() {
        super(UnsubscribePacket.class);
    }

    @Override
    long bodyLength(UnsubscribePacket packet) {
        return Mqtt3UnsubscribeEncoder.checkedPacketIdAndFiltersSize(packet)
                + Mqtt5PropertyWriter.size(packet.properties(), PropertyScope.UNSUBSCRIBE);
    }

    @Override
    int flags(UnsubscribePacket packet) {
        return Mqtt3UnsubscribeEncoder.FLAGS;
    }

    @Override
    void encodeBody(UnsubscribePacket packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        Mqtt5PropertyWriter.write(packet.properties(), out);
        Mqtt3UnsubscribeEncoder.writeFilters(packet, out);
    }
}
