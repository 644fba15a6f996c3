package io.github.mqttbridge.client.internal.codec.packet;

/**
 * Where a set of MQTT 5.0 properties sits: in the variable header of one packet type, or in the will properties
 * of a CONNECT payload, which have rules of their own (MQTT 5.0 section 2.2.2.2).
 */
public enum PropertyScope {
    CONNECT, CONNACK, PUBLISH, WILL, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK,
    DISCONNECT, AUTH;

    /** The scope of a packet's own properties; PINGREQ and PINGRESP have none. */
    public static PropertyScope of(PacketType type) {
        return valueOf(type.name());
    }

    @Override
    public String toString() {
        return this == WILL ? "will properties of CONNECT" : name();
    }
}
