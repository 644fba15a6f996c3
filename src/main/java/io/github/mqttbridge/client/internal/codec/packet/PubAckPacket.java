package io.github.mqttbridge.client.internal.codec.packet;

/** PUBACK. */
public record PubAckPacket(int packetId) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
