package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;

import java.util.Map;

/**
 * What an MQTT 5.0 server encodes: the packets a server sends (MQTT 5.0 section 2.1.2), DISCONNECT and AUTH
 * included. Only tests play the server, so this table and the encoders only it uses (CONNACK, SUBACK, UNSUBACK)
 * live here; the rest are the client's own, shared.
 */
public final class Mqtt5ServerEncoders {
    public static final MqttPacketEncoders TABLE = new MqttPacketEncoders("a server", true, Map.ofEntries(
            Map.entry(PacketType.CONNACK, new Mqtt5ConnAckEncoder()),
            Map.entry(PacketType.PUBLISH, new Mqtt5PublishEncoder(false)),
            Map.entry(PacketType.PUBACK, Mqtt5ClientEncoders.pubAck()),
            Map.entry(PacketType.PUBREC, Mqtt5ClientEncoders.pubRec()),
            Map.entry(PacketType.PUBREL, Mqtt5ClientEncoders.pubRel()),
            Map.entry(PacketType.PUBCOMP, Mqtt5ClientEncoders.pubComp()),
            Map.entry(PacketType.SUBACK, new Mqtt5ReasonCodeListEncoder<>(SubAckPacket.class, SubAckPacket::packetId,
                    SubAckPacket::returnCodes, SubAckPacket::properties)),
            Map.entry(PacketType.UNSUBACK, new Mqtt5ReasonCodeListEncoder<>(UnsubAckPacket.class,
                    UnsubAckPacket::packetId, UnsubAckPacket::reasonCodes, UnsubAckPacket::properties)),
            Map.entry(PacketType.PINGRESP, new Mqtt3PingRespEncoder()),
            Map.entry(PacketType.DISCONNECT, Mqtt5ClientEncoders.disconnect()),
            Map.entry(PacketType.AUTH, Mqtt5ClientEncoders.auth())));

    private Mqtt5ServerEncoders() {
    }
}
