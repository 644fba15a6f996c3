package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;

import java.util.ArrayList;
import java.util.List;

/** UNSUBSCRIBE, as the tests' server decodes it: the client itself only sends it. */
final class Mqtt3UnsubscribeDecoder implements MqttMessageDecoder {

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.UNSUBSCRIBE, flags, FixedHeaderFlags.RESERVED_0010);
        int packetId = body.readPacketId();
        if (body.remaining() == 0) {
            throw new MqttDecodeException("UNSUBSCRIBE payload must contain at least one topic filter [MQTT-3.10.3-2]");
        }
        List<String> filters = new ArrayList<>();
        while (body.remaining() > 0) {
            filters.add(Mqtt3TopicFilters.read(PacketType.UNSUBSCRIBE, body));
        }
        return new UnsubscribePacket(packetId, filters);
    }
}
