package io.github.mqttbridge.client.internal.codec.packet;

/** CONNACK. {@code sessionPresent} is always false in MQTT 3.1, which has no such flag. */
public record ConnAckPacket(boolean sessionPresent, int returnCode) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
