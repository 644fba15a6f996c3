package io.github.mqttbridge.client.internal.codec.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT. {@code will}, {@code userName} and {@code password} are null when absent. The password is kept as
 * bytes and left out of {@link #toString()} so that it never reaches a log line. In MQTT 5.0
 * {@code cleanSession} is Clean Start, the same bit, and {@code properties} are the CONNECT properties.
 */
public record ConnectPacket(MqttVersion version, String clientId, boolean cleanSession, int keepAliveSeconds,
                            Will will, String userName, byte[] password, MqttProperties properties)
        implements MqttPacket {

    /** The MQTT 3.x form, without properties. */
    public ConnectPacket(MqttVersion version, String clientId, boolean cleanSession, int keepAliveSeconds,
                         Will will, String userName, byte[] password) {
        this(version, clientId, cleanSession, keepAliveSeconds, will, userName, password, MqttProperties.EMPTY);
    }

    /**
     * The will message of a CONNECT; in MQTT 5.0 with will properties (will delay interval, payload format,
     * message expiry, content type, response topic, correlation data, user properties).
     */
    public record Will(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties) {
        /** The MQTT 3.x form, without will properties. */
        public Will(String topic, byte[] payload, int qos, boolean retain) {
            this(topic, payload, qos, retain, MqttProperties.EMPTY);
        }

        // Records compare arrays by identity; a decoded will must equal the one that was encoded.
        @Override
        public boolean equals(Object o) {
            return o instanceof Will w && w.qos == qos && w.retain == retain && Objects.equals(w.topic, topic)
                    && Arrays.equals(w.payload, payload) && Objects.equals(w.properties, properties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, qos, retain) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Will[topic=" + topic + ", payload=" + payload.length + " bytes, qos=" + qos + ", retain=" + retain
                    + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
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
                && Arrays.equals(c.password, password) && Objects.equals(c.properties, properties);
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
                + ", password=" + (password == null ? "none" : "*****")
                + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
