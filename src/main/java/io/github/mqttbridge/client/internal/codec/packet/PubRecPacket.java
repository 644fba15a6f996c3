package io.github.mqttbridge.client.internal.codec.packet;

/** PUBREC. */
public record PubRecPacket(int packetId) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
