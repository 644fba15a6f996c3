package io.github.mqttbridge.client.internal.codec.packet;

/**
 * PUBLISH. {@code packetId} is 0 for QoS 0 and 1..65535 otherwise. A resend is a new packet with {@code dup} set,
 * never the old one changed in place.
 */
public record PublishPacket(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** This packet as it must be sent again after a connection loss [MQTT-3.3.1-1]. */
    public PublishPacket asDuplicate() {
        return dup ? this : new PublishPacket(topic, payload, qos, retain, true, packetId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishPacket p && p.qos == qos && p.retain == retain && p.dup == dup
                && p.packetId == packetId && p.topic.equals(topic) && java.util.Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return (topic.hashCode() * 31 + packetId) * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "PUBLISH[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", dup=" + dup + ", packetId="
                + packetId + ", payload=" + payload.length + " bytes]";
    }
}
