package io.github.mqttbridge.client.internal.codec.packet;

/** PUBREL: in MQTT 3.x the packet id alone; MQTT 5.0 adds a reason code and properties. */
public record PubRelPacket(int packetId, int reasonCode, MqttProperties properties) implements MqttPacket, QosAck {
    /** The MQTT 3.x form: reason code 0x00 Success and no properties. */
    public PubRelPacket(int packetId) {
        this(packetId, 0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }

    @Override
    public String toString() {
        return "PUBREL[packetId=" + packetId + ", reasonCode=" + ReasonCode.describe(type(), reasonCode)
                + ", properties=" + properties + "]";
    }
}
