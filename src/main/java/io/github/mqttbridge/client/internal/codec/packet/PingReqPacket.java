package io.github.mqttbridge.client.internal.codec.packet;

/** PINGREQ: a packet with no variable header and no payload. */
public record PingReqPacket() implements MqttPacket {
    public static final PingReqPacket INSTANCE = new PingReqPacket();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
