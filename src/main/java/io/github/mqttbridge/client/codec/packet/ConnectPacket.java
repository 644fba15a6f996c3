package io.github.mqttbridge.client.codec.packet;

import io.github.mqttbridge.client.codec.MqttVersion;

/**
 * CONNECT. {@code will}, {@code userName} and {@code password} are null when absent. The password is kept as
 * bytes and left out of {@link #toString()} so that it never reaches a log line.
 */
public record ConnectPacket(MqttVersion version, String clientId, boolean cleanSession, int keepAliveSeconds,
                            Will will, String userName, byte[] password) implements MqttPacket {

    /** The will message of a CONNECT. */
    public record Will(String topic, byte[] payload, int qos, boolean retain) {
        @Override
        public String toString() {
            return "Will[topic=" + topic + ", payload=" + payload.length + " bytes, qos=" + qos + ", retain=" + retain + "]";
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public String toString() {
        return "CONNECT[version=" + version + ", clientId=" + clientId + ", cleanSession=" + cleanSession
                + ", keepAlive=" + keepAliveSeconds + ", will=" + will + ", userName=" + userName
                + ", password=" + (password == null ? "none" : "*****") + "]";
    }
}
