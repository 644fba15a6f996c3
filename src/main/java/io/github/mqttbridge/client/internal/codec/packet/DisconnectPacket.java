package io.github.mqttbridge.client.internal.codec.packet;

/**
 * DISCONNECT. In MQTT 3.x only a fixed header; MQTT 5.0 adds a reason code and properties, and lets the server
 * send it too.
 */
public record DisconnectPacket(int reasonCode, MqttProperties properties) implements MqttPacket {
    /** The MQTT 3.x packet, which is also the shortest MQTT 5.0 one: 0x00 Normal disconnection. */
    public static final DisconnectPacket INSTANCE = new DisconnectPacket();

    public DisconnectPacket() {
        this(0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }

    @Override
    public String toString() {
        return "DISCONNECT[reasonCode=" + ReasonCode.describe(type(), reasonCode) + ", properties=" + properties + "]";
    }
}
