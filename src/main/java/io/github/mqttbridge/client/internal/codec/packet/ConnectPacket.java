package io.github.mqttbridge.client.internal.codec.packet;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;

import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT. {@code will}, {@code userName} and {@code password} are null when absent. The password is kept as
 * bytes and left out of {@link #toString()} so that it never reaches a log line.
 */
public record ConnectPacket(MqttVersion version, String clientId, boolean cleanSession, int keepAliveSeconds,
                            Will will, String userName, byte[] password) implements MqttPacket {

    /** The will message of a CONNECT. */
    public record Will(String topic, byte[] payload, int qos, boolean retain) {
        // Records compare arrays by identity; a decoded will must equal the one that was encoded.
        @Override
        public boolean equals(Object o) {
            return o instanceof Will w && w.qos == qos && w.retain == retain && Objects.equals(w.topic, topic)
                    && Arrays.equals(w.payload, payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, qos, retain) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Will[topic=" + topic + ", payload=" + payload.length + " bytes, qos=" + qos + ", retain=" + retain + "]";
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    // Records compare arrays by identity; a decoded CONNECT must equal the one that was encoded.
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectPacket c && c.version == version && c.cleanSession == cleanSession
                && c.keepAliveSeconds == keepAliveSeconds && Objects.equals(c.clientId, clientId)
                && Objects.equals(c.will, will) && Objects.equals(c.userName, userName)
                && Arrays.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, clientId, cleanSession, keepAliveSeconds, will, userName) * 31
                + Arrays.hashCode(password);
    }

    @Override
    public String toString() {
        return "CONNECT[version=" + version + ", clientId=" + clientId + ", cleanSession=" + cleanSession
                + ", keepAlive=" + keepAliveSeconds + ", will=" + will + ", userName=" + userName
                + ", password=" + (password == null ? "none" : "*****") + "]";
    }
}
