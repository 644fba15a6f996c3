package io.github.mqttbridge.client.internal.codec.packet;

/** PUBREL. */
public record PubRelPacket(int packetId) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
