package io.github.mqttbridge.client.internal.codec.packet;

import java.util.EnumSet;
import java.util.Set;

import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.AUTH;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.CONNACK;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.CONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.DISCONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.PUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.PUBCOMP;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.PUBLISH;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.PUBREC;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.PUBREL;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.SUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.SUBSCRIBE;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.UNSUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.UNSUBSCRIBE;
import static io.github.mqttbridge.client.internal.codec.packet.PropertyScope.WILL;

/**
 * Every property of MQTT 5.0 (section 2.2.2.2): its identifier, its data type and where it may appear. The value
 * rules beyond the data type are the sections that define each property; {@link #problem} holds them, for the
 * decoder and the encoder alike.
 */
public enum MqttProperty {
    PAYLOAD_FORMAT_INDICATOR(0x01, "Payload Format Indicator", Type.BYTE, EnumSet.of(PUBLISH, WILL)),
    MESSAGE_EXPIRY_INTERVAL(0x02, "Message Expiry Interval", Type.FOUR_BYTE_INTEGER, EnumSet.of(PUBLISH, WILL)),
    CONTENT_TYPE(0x03, "Content Type", Type.UTF8_STRING, EnumSet.of(PUBLISH, WILL)),
    RESPONSE_TOPIC(0x08, "Response Topic", Type.UTF8_STRING, EnumSet.of(PUBLISH, WILL)),
    CORRELATION_DATA(0x09, "Correlation Data", Type.BINARY_DATA, EnumSet.of(PUBLISH, WILL)),
    SUBSCRIPTION_IDENTIFIER(0x0B, "Subscription Identifier", Type.VARIABLE_BYTE_INTEGER, EnumSet.of(PUBLISH, SUBSCRIBE)),
    SESSION_EXPIRY_INTERVAL(0x11, "Session Expiry Interval", Type.FOUR_BYTE_INTEGER,
            EnumSet.of(CONNECT, CONNACK, DISCONNECT)),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, "Assigned Client Identifier", Type.UTF8_STRING, EnumSet.of(CONNACK)),
    SERVER_KEEP_ALIVE(0x13, "Server Keep Alive", Type.TWO_BYTE_INTEGER, EnumSet.of(CONNACK)),
    AUTHENTICATION_METHOD(0x15, "Authentication Method", Type.UTF8_STRING, EnumSet.of(CONNECT, CONNACK, AUTH)),
    AUTHENTICATION_DATA(0x16, "Authentication Data", Type.BINARY_DATA, EnumSet.of(CONNECT, CONNACK, AUTH)),
    REQUEST_PROBLEM_INFORMATION(0x17, "Request Problem Information", Type.BYTE, EnumSet.of(CONNECT)),
    WILL_DELAY_INTERVAL(0x18, "Will Delay Interval", Type.FOUR_BYTE_INTEGER, EnumSet.of(WILL)),
    REQUEST_RESPONSE_INFORMATION(0x19, "Request Response Information", Type.BYTE, EnumSet.of(CONNECT)),
    RESPONSE_INFORMATION(0x1A, "Response Information", Type.UTF8_STRING, EnumSet.of(CONNACK)),
    SERVER_REFERENCE(0x1C, "Server Reference", Type.UTF8_STRING, EnumSet.of(CONNACK, DISCONNECT)),
    REASON_STRING(0x1F, "Reason String", Type.UTF8_STRING,
            EnumSet.of(CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH)),
    RECEIVE_MAXIMUM(0x21, "Receive Maximum", Type.TWO_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK)),
    TOPIC_ALIAS_MAXIMUM(0x22, "Topic Alias Maximum", Type.TWO_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK)),
    TOPIC_ALIAS(0x23, "Topic Alias", Type.TWO_BYTE_INTEGER, EnumSet.of(PUBLISH)),
    MAXIMUM_QOS(0x24, "Maximum QoS", Type.BYTE, EnumSet.of(CONNACK)),
    RETAIN_AVAILABLE(0x25, "Retain Available", Type.BYTE, EnumSet.of(CONNACK)),
    USER_PROPERTY(0x26, "User Property", Type.UTF8_STRING_PAIR, EnumSet.allOf(PropertyScope.class)),
    MAXIMUM_PACKET_SIZE(0x27, "Maximum Packet Size", Type.FOUR_BYTE_INTEGER, EnumSet.of(CONNECT, CONNACK)),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, "Wildcard Subscription Available", Type.BYTE, EnumSet.of(CONNACK)),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, "Subscription Identifier Available", Type.BYTE, EnumSet.of(CONNACK)),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, "Shared Subscription Available", Type.BYTE, EnumSet.of(CONNACK));

    /** The data types of MQTT 5.0 section 1.5, as properties use them. */
    public enum Type {
        BYTE(Integer.class),
        TWO_BYTE_INTEGER(Integer.class),
        FOUR_BYTE_INTEGER(Long.class),
        VARIABLE_BYTE_INTEGER(Integer.class),
        UTF8_STRING(String.class),
        BINARY_DATA(byte[].class),
        UTF8_STRING_PAIR(StringPair.class);

        private final Class<?> valueClass;

        Type(Class<?> valueClass) {
            this.valueClass = valueClass;
        }

        /** The Java type of a value: Integer, Long for four-byte integers (unsigned), String, byte[] or StringPair. */
        public Class<?> valueClass() {
            return valueClass;
        }
    }

    /** The largest identifier, so that a set of identifiers fits the bits of a long. */
    private static final int MAX_ID = 0x2A;
    private static final MqttProperty[] BY_ID = new MqttProperty[MAX_ID + 1];
    private static final long MAX_VARIABLE_BYTE_INTEGER = 268_435_455;

    static {
        for (MqttProperty p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final String displayName;
    private final Type type;
    private final Set<PropertyScope> scopes;

    MqttProperty(int id, String displayName, Type type, Set<PropertyScope> scopes) {
        this.id = id;
        this.displayName = displayName;
        this.type = type;
        this.scopes = scopes;
    }

    public int id() {
        return id;
    }

    public Type type() {
        return type;
    }

    public boolean allowedIn(PropertyScope scope) {
        return scopes.contains(scope);
    }

    /**
     * Whether it may appear more than once in one scope: user properties always, subscription identifiers in
     * PUBLISH, one per matching subscription (MQTT 5.0 sections 3.3.2.3.7 and 3.3.2.3.8); any other twice is a
     * protocol error.
     */
    public boolean repeatableIn(PropertyScope scope) {
        return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER && scope == PUBLISH;
    }

    /** The property with this identifier, or null for an identifier MQTT 5.0 does not define. */
    public static MqttProperty ofId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * Why an integer value of this property breaks its rules, or null when it keeps them. Strings, binary data
     * and pairs have only the rules of their data type, which the codec enforces where it reads and writes them.
     */
    public String problem(long value) {
        long max = switch (type) {
            case BYTE -> 0xFF;
            case TWO_BYTE_INTEGER -> 0xFFFF;
            case FOUR_BYTE_INTEGER -> 0xFFFF_FFFFL;
            case VARIABLE_BYTE_INTEGER -> MAX_VARIABLE_BYTE_INTEGER;
            default -> throw new IllegalStateException(this + " is not an integer property");
        };
        if (value < 0 || value > max) {
            return "must be 0.." + max + ", was " + value;
        }
        return switch (this) {
            case PAYLOAD_FORMAT_INDICATOR -> zeroOrOne(value, "3.3.2.3.2");
            case REQUEST_PROBLEM_INFORMATION -> zeroOrOne(value, "3.1.2.11.7");
            case REQUEST_RESPONSE_INFORMATION -> zeroOrOne(value, "3.1.2.11.6");
            case MAXIMUM_QOS -> zeroOrOne(value, "3.2.2.3.4");
            case RETAIN_AVAILABLE -> zeroOrOne(value, "3.2.2.3.5");
            case WILDCARD_SUBSCRIPTION_AVAILABLE -> zeroOrOne(value, "3.2.2.3.11");
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE -> zeroOrOne(value, "3.2.2.3.12");
            case SHARED_SUBSCRIPTION_AVAILABLE -> zeroOrOne(value, "3.2.2.3.13");
            case RECEIVE_MAXIMUM -> notZero(value, "3.1.2.11.3");
            case MAXIMUM_PACKET_SIZE -> notZero(value, "3.1.2.11.4");
            case TOPIC_ALIAS -> notZero(value, "3.3.2.3.4");
            case SUBSCRIPTION_IDENTIFIER -> notZero(value, "3.8.2.1.2");
            default -> null;
        };
    }

    private static String zeroOrOne(long value, String section) {
        return value > 1 ? "must be 0 or 1, was " + value + " (MQTT 5.0 section " + section + ")" : null;
    }

    private static String notZero(long value, String section) {
        return value == 0 ? "must not be 0 (MQTT 5.0 section " + section + ")" : null;
    }

    /** The spec's name and the identifier, e.g. "Receive Maximum (0x21)", as error messages show it. */
    @Override
    public String toString() {
        return displayName + String.format(" (0x%02X)", id);
    }
}
