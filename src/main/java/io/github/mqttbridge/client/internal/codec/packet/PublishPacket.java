package io.github.mqttbridge.client.internal.codec.packet;

import java.util.Arrays;

/**
 * PUBLISH. {@code packetId} is 0 for QoS 0 and 1..65535 otherwise. A resend is a new packet with {@code dup} set,
 * never the old one changed in place. In MQTT 5.0 the topic may be empty when a topic alias property stands for
 * it; resolving the alias is the engine's job.
 */
public record PublishPacket(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId,
                            MqttProperties properties) implements MqttPacket {

    /** The MQTT 3.x form, without properties. */
    public PublishPacket(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        this(topic, payload, qos, retain, dup, packetId, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** This packet as it must be sent again after a connection loss [MQTT-3.3.1-1]. */
    public PublishPacket asDuplicate() {
        return dup ? this : new PublishPacket(topic, payload, qos, retain, true, packetId, properties);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishPacket p && p.qos == qos && p.retain == retain && p.dup == dup
                && p.packetId == packetId && p.topic.equals(topic) && Arrays.equals(p.payload, payload)
                && p.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return (topic.hashCode() * 31 + packetId) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "PUBLISH[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", dup=" + dup + ", packetId="
                + packetId + ", payload=" + payload.length + " bytes"
                + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
