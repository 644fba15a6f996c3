package io.github.mqttbridge.client.codec.packet;

/** PUBCOMP. */
public record PubCompPacket(int packetId) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
