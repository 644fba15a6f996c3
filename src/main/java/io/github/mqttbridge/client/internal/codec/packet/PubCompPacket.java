package io.github.mqttbridge.client.internal.codec.packet;

/** PUBCOMP. */
public record PubCompPacket(int packetId) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
