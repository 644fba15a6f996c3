package io.github.mqttbridge.client.internal.codec.packet;

import java.util.EnumSet;
import java.util.Set;

import static io.github.mqttbridge.client.internal.codec.packet.PacketType.AUTH;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.CONNACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.DISCONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBCOMP;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBREC;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBREL;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.SUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.UNSUBACK;

/**
 * The reason codes of MQTT 5.0 (section 2.4) with the packets each may appear in. A value can mean different
 * things in different packets (0x00 is Success, Normal disconnection or Granted QoS 0), so a code is looked up
 * together with its packet type.
 */
public enum ReasonCode {
    SUCCESS(0x00, "Success", EnumSet.of(CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK, AUTH)),
    NORMAL_DISCONNECTION(0x00, "Normal disconnection", EnumSet.of(DISCONNECT)),
    GRANTED_QOS_0(0x00, "Granted QoS 0", EnumSet.of(SUBACK)),
    GRANTED_QOS_1(0x01, "Granted QoS 1", EnumSet.of(SUBACK)),
    GRANTED_QOS_2(0x02, "Granted QoS 2", EnumSet.of(SUBACK)),
    DISCONNECT_WITH_WILL_MESSAGE(0x04, "Disconnect with Will Message", EnumSet.of(DISCONNECT)),
    NO_MATCHING_SUBSCRIBERS(0x10, "No matching subscribers", EnumSet.of(PUBACK, PUBREC)),
    NO_SUBSCRIPTION_EXISTED(0x11, "No subscription existed", EnumSet.of(UNSUBACK)),
    CONTINUE_AUTHENTICATION(0x18, "Continue authentication", EnumSet.of(AUTH)),
    RE_AUTHENTICATE(0x19, "Re-authenticate", EnumSet.of(AUTH)),
    UNSPECIFIED_ERROR(0x80, "Unspecified error", EnumSet.of(CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT)),
    MALFORMED_PACKET(0x81, "Malformed Packet", EnumSet.of(CONNACK, DISCONNECT)),
    PROTOCOL_ERROR(0x82, "Protocol Error", EnumSet.of(CONNACK, DISCONNECT)),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, "Implementation specific error",
            EnumSet.of(CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT)),
    UNSUPPORTED_PROTOCOL_VERSION(0x84, "Unsupported Protocol Version", EnumSet.of(CONNACK)),
    CLIENT_IDENTIFIER_NOT_VALID(0x85, "Client Identifier not valid", EnumSet.of(CONNACK)),
    BAD_USER_NAME_OR_PASSWORD(0x86, "Bad User Name or Password", EnumSet.of(CONNACK)),
    NOT_AUTHORIZED(0x87, "Not authorized", EnumSet.of(CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT)),
    SERVER_UNAVAILABLE(0x88, "Server unavailable", EnumSet.of(CONNACK)),
    SERVER_BUSY(0x89, "Server busy", EnumSet.of(CONNACK, DISCONNECT)),
    BANNED(0x8A, "Banned", EnumSet.of(CONNACK)),
    SERVER_SHUTTING_DOWN(0x8B, "Server shutting down", EnumSet.of(DISCONNECT)),
    BAD_AUTHENTICATION_METHOD(0x8C, "Bad authentication method", EnumSet.of(CONNACK, DISCONNECT)),
    KEEP_ALIVE_TIMEOUT(0x8D, "Keep Alive timeout", EnumSet.of(DISCONNECT)),
    SESSION_TAKEN_OVER(0x8E, "Session taken over", EnumSet.of(DISCONNECT)),
    TOPIC_FILTER_INVALID(0x8F, "Topic Filter invalid", EnumSet.of(SUBACK, UNSUBACK, DISCONNECT)),
    TOPIC_NAME_INVALID(0x90, "Topic Name invalid", EnumSet.of(CONNACK, PUBACK, PUBREC, DISCONNECT)),
    PACKET_IDENTIFIER_IN_USE(0x91, "Packet Identifier in use", EnumSet.of(PUBACK, PUBREC, SUBACK, UNSUBACK)),
    PACKET_IDENTIFIER_NOT_FOUND(0x92, "Packet Identifier not found", EnumSet.of(PUBREL, PUBCOMP)),
    RECEIVE_MAXIMUM_EXCEEDED(0x93, "Receive Maximum exceeded", EnumSet.of(DISCONNECT)),
    TOPIC_ALIAS_INVALID(0x94, "Topic Alias invalid", EnumSet.of(DISCONNECT)),
    PACKET_TOO_LARGE(0x95, "Packet too large", EnumSet.of(CONNACK, DISCONNECT)),
    MESSAGE_RATE_TOO_HIGH(0x96, "Message rate too high", EnumSet.of(DISCONNECT)),
    QUOTA_EXCEEDED(0x97, "Quota exceeded", EnumSet.of(CONNACK, PUBACK, PUBREC, SUBACK, DISCONNECT)),
    ADMINISTRATIVE_ACTION(0x98, "Administrative action", EnumSet.of(DISCONNECT)),
    PAYLOAD_FORMAT_INVALID(0x99, "Payload format invalid", EnumSet.of(CONNACK, PUBACK, PUBREC, DISCONNECT)),
    RETAIN_NOT_SUPPORTED(0x9A, "Retain not supported", EnumSet.of(CONNACK, DISCONNECT)),
    QOS_NOT_SUPPORTED(0x9B, "QoS not supported", EnumSet.of(CONNACK, DISCONNECT)),
    USE_ANOTHER_SERVER(0x9C, "Use another server", EnumSet.of(CONNACK, DISCONNECT)),
    SERVER_MOVED(0x9D, "Server moved", EnumSet.of(CONNACK, DISCONNECT)),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, "Shared Subscriptions not supported", EnumSet.of(SUBACK, DISCONNECT)),
    CONNECTION_RATE_EXCEEDED(0x9F, "Connection rate exceeded", EnumSet.of(CONNACK, DISCONNECT)),
    MAXIMUM_CONNECT_TIME(0xA0, "Maximum connect time", EnumSet.of(DISCONNECT)),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1, "Subscription Identifiers not supported",
            EnumSet.of(SUBACK, DISCONNECT)),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2, "Wildcard Subscriptions not supported", EnumSet.of(SUBACK, DISCONNECT));

    /** values() copies its array on every call; decoding an acknowledgement looks codes up. */
    private static final ReasonCode[] ALL = values();

    private final int code;
    private final String displayName;
    private final Set<PacketType> packets;

    ReasonCode(int code, String displayName, Set<PacketType> packets) {
        this.code = code;
        this.displayName = displayName;
        this.packets = packets;
    }

    public int code() {
        return code;
    }

    /** The reason code this value means in a packet of this type, or null when that packet may not carry it. */
    public static ReasonCode of(PacketType type, int code) {
        for (ReasonCode r : ALL) {
            if (r.code == code && r.packets.contains(type)) {
                return r;
            }
        }
        return null;
    }

    /** A reason code as a packet of type {@code in} stated it, known or not. */
    public record Stated(PacketType in, int code) {
    }

    /**
     * A value as it reads in a packet of this type, e.g. "0x87 Not authorized"; a value the type may not carry is
     * named by its meaning elsewhere, and one no packet carries, e.g. "0x05", by its number alone.
     */
    public static String describe(PacketType type, int code) {
        ReasonCode r = of(type, code);
        for (int i = 0; r == null && i < ALL.length; i++) {
            r = ALL[i].code == code ? ALL[i] : null;
        }
        String hex = String.format("0x%02X", code);
        return r == null ? hex : hex + " " + r.displayName;
    }

    @Override
    public String toString() {
        return String.format("0x%02X ", code) + displayName;
    }
}
