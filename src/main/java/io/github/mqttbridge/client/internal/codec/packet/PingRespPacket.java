package io.github.mqttbridge.client.internal.codec.packet;

/** PINGRESP: a packet with no variable header and no payload. */
public record PingRespPacket() implements MqttPacket {
    public static final PingRespPacket INSTANCE = new PingRespPacket();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
