package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;

import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE, as the tests' server decodes it: the client itself only sends it. */
final class Mqtt3SubscribeDecoder implements MqttMessageDecoder {

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.SUBSCRIBE, flags, FixedHeaderFlags.RESERVED_0010);
        int packetId = body.readPacketId();
        if (body.remaining() == 0) {
            throw new MqttDecodeException("SUBSCRIBE payload must contain at least one topic filter [MQTT-3.8.3-3]");
        }
        List<Subscription> subscriptions = new ArrayList<>();
        while (body.remaining() > 0) {
            String filter = Mqtt3TopicFilters.read(PacketType.SUBSCRIBE, body);
            int requestedQos = body.readUnsignedByte("requested QoS");
            if ((requestedQos & 0b1111_1100) != 0) {
                throw new MqttDecodeException("bits 7-2 of the requested QoS byte in SUBSCRIBE are reserved and must"
                        + " be 0, were 0x" + Integer.toHexString(requestedQos) + " [MQTT-3.8.3-4]");
            }
            if (requestedQos == 3) {
                throw new MqttDecodeException("SUBSCRIBE with requested QoS 3, must be 0, 1 or 2 [MQTT-3.8.3-4]");
            }
            subscriptions.add(new Subscription(filter, requestedQos));
        }
        return new SubscribePacket(packetId, subscriptions);
    }
}
