package io.github.mqttbridge.client.internal.codec.packet;

/** DISCONNECT: a packet with no variable header and no payload. */
public record DisconnectPacket() implements MqttPacket {
    public static final DisconnectPacket INSTANCE = new DisconnectPacket();

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
