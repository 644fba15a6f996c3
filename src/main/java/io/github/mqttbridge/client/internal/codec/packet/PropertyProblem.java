package io.github.mqttbridge.client.internal.codec.packet;

/**
 * Why a set of MQTT 5.0 properties may not stand where it is, and the reason code a receiver's DISCONNECT gives for
 * it: 0x81 Malformed Packet for a property its packet does not allow (section 2.2.2.2), 0x82 Protocol Error for one
 * given twice or out of its range, as the packet sections call these, 0x94 Topic Alias invalid for a topic alias of 0.
 */
public record PropertyProblem(String message, int reasonCode) {
    static final int MALFORMED_PACKET = 0x81;
    static final int PROTOCOL_ERROR = 0x82;
    static final int TOPIC_ALIAS_INVALID = 0x94;
}
