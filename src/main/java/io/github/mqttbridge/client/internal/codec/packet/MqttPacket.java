package io.github.mqttbridge.client.internal.codec.packet;

/** One MQTT 3.1 / 3.1.1 control packet. Packets are immutable values; encoding and decoding live in the codec. */
public sealed interface MqttPacket
        permits ConnectPacket, ConnAckPacket, PublishPacket, PubAckPacket, PubRecPacket, PubRelPacket,
        PubCompPacket, SubscribePacket, SubAckPacket, UnsubscribePacket, UnsubAckPacket, PingReqPacket,
        PingRespPacket, DisconnectPacket {

    PacketType type();
}
