package io.github.mqttbridge.client.internal.codec.packet;

/** UNSUBACK. */
public record UnsubAckPacket(int packetId) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
