package io.github.mqttbridge.client.internal.codec.packet;

/**
 * One MQTT 3.1, 3.1.1 or 5.0 control packet; one record per type serves every version, the MQTT 5.0 parts taking
 * their 3.x meaning (no properties, reason code 0x00) in a 3.x packet. Packets are immutable values; encoding and
 * decoding live in the codec.
 */
public sealed interface MqttPacket
        permits ConnectPacket, ConnAckPacket, PublishPacket, PubAckPacket, PubRecPacket, PubRelPacket,
        PubCompPacket, SubscribePacket, SubAckPacket, UnsubscribePacket, UnsubAckPacket, PingReqPacket,
        PingRespPacket, DisconnectPacket, AuthPacket {

    PacketType type();
}
