package io.github.mqttbridge.client.internal.codec.packet;

/** AUTH, MQTT 5.0 only: a step of extended authentication, sent by either side (MQTT 5.0 section 3.15). */
public record AuthPacket(int reasonCode, MqttProperties properties) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }

    @Override
    public String toString() {
        return "AUTH[reasonCode=" + ReasonCode.describe(type(), reasonCode) + ", properties=" + properties + "]";
    }
}
