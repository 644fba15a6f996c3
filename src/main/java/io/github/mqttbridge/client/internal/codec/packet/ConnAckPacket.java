package io.github.mqttbridge.client.internal.codec.packet;

/**
 * CONNACK. {@code sessionPresent} is always false in MQTT 3.1, which has no such flag. {@code returnCode} is the
 * MQTT 3.x return code or the MQTT 5.0 reason code, which take the same byte.
 */
public record ConnAckPacket(boolean sessionPresent, int returnCode, MqttProperties properties) implements MqttPacket {
    /** The MQTT 3.x form, without properties. */
    public ConnAckPacket(boolean sessionPresent, int returnCode) {
        this(sessionPresent, returnCode, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
