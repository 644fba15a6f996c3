package io.github.mqttbridge.client.internal.codec.packet;

import io.github.mqttbridge.client.internal.datatypes.TopicName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The properties of one MQTT 5.0 packet or will (MQTT 5.0 section 2.2.2): an immutable list of (property, value)
 * in wire order, with an accessor per property. {@link #EMPTY} is what every MQTT 3.x packet carries and what a
 * v5 packet without properties decodes to, without allocating.
 *
 * <p>Values are Integer (byte, two-byte and variable byte integers), Long (four-byte integers, which are unsigned),
 * String, byte[] (binary data, copied in, and out again by the typed accessors) or {@link StringPair}. Which property may appear where and how
 * often is checked by {@link #problem}, which the decoder and the encoder share.
 */
public final class MqttProperties {
    public static final MqttProperties EMPTY = new MqttProperties(List.of());

    /** One property and its value. */
    public record Entry(MqttProperty property, Object value) {
        public Entry {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(value, "value");
            if (!property.type().valueClass().isInstance(value)) {
                throw new IllegalArgumentException(property + " takes a " + property.type().valueClass().getSimpleName()
                        + ", was a " + value.getClass().getSimpleName());
            }
            if (value instanceof byte[] bytes) {
                value = bytes.clone();
            }
        }

        // Records compare arrays by identity; decoded binary data must equal what was encoded.
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.property == property && Objects.deepEquals(e.value, value);
        }

        @Override
        public int hashCode() {
            return property.hashCode() * 31 + (value instanceof byte[] b ? Arrays.hashCode(b) : value.hashCode());
        }

        @Override
        public String toString() {
            return property + "=" + (value instanceof byte[] b ? b.length + " bytes" : value);
        }
    }

    private final List<Entry> entries;

    private MqttProperties(List<Entry> entries) {
        this.entries = entries;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Why these properties may not stand in this scope, or null when they may: a property the scope does not
     * allow (MQTT 5.0 section 2.2.2.2), one given twice that may appear only once, or a value out of its range.
     * Allocates nothing when there is none.
     */
    public PropertyProblem problem(PropertyScope scope) {
        long seen = 0;
        for (Entry e : entries) {
            MqttProperty p = e.property();
            if (!p.allowedIn(scope)) {
                return new PropertyProblem(p + " is not allowed in " + scope + " (MQTT 5.0 section 2.2.2.2)",
                        PropertyProblem.MALFORMED_PACKET);
            }
            long bit = 1L << p.id();
            if ((seen & bit) != 0 && !p.repeatableIn(scope)) {
                return new PropertyProblem(p + " must not appear more than once in " + scope
                        + " (MQTT 5.0 section 2.2.2.2)", PropertyProblem.PROTOCOL_ERROR);
            }
            seen |= bit;
            if (e.value() instanceof Number n) {
                String problem = p.problem(n.longValue());
                if (problem != null) {
                    return new PropertyProblem(p + " in " + scope + " " + problem, p == MqttProperty.TOPIC_ALIAS
                            ? PropertyProblem.TOPIC_ALIAS_INVALID : PropertyProblem.PROTOCOL_ERROR);
                }
            }
            if (p == MqttProperty.RESPONSE_TOPIC && e.value() instanceof String topic) {
                // A topic name the responder publishes to, so no wildcards [MQTT-3.3.2-14].
                String problem = TopicName.wildcardProblem(topic);
                if (problem != null) {
                    // as a wildcard in the topic name of a PUBLISH is
                    return new PropertyProblem(p + " in " + scope + " " + problem + " [MQTT-3.3.2-14]",
                            PropertyProblem.MALFORMED_PACKET);
                }
            }
        }
        return null;
    }

    /** Whether the property is present, without allocating. */
    public boolean has(MqttProperty property) {
        return first(property) != null;
    }

    private Object first(MqttProperty property) {
        // Indexed, not for-each: EMPTY and the hot path's lookups allocate no iterator.
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).property() == property) {
                return entries.get(i).value();
            }
        }
        return null;
    }

    private Integer integer(MqttProperty property) {
        return (Integer) first(property);
    }

    private Long fourByteInteger(MqttProperty property) {
        return (Long) first(property);
    }

    private String string(MqttProperty property) {
        return (String) first(property);
    }

    private byte[] binary(MqttProperty property) {
        byte[] value = (byte[]) first(property);
        return value == null ? null : value.clone();
    }

    public Integer payloadFormatIndicator() {
        return integer(MqttProperty.PAYLOAD_FORMAT_INDICATOR);
    }

    public Long messageExpiryInterval() {
        return fourByteInteger(MqttProperty.MESSAGE_EXPIRY_INTERVAL);
    }

    public String contentType() {
        return string(MqttProperty.CONTENT_TYPE);
    }

    public String responseTopic() {
        return string(MqttProperty.RESPONSE_TOPIC);
    }

    public byte[] correlationData() {
        return binary(MqttProperty.CORRELATION_DATA);
    }

    /** Every subscription identifier, in order: a PUBLISH carries one per matching subscription. */
    public List<Integer> subscriptionIdentifiers() {
        List<Integer> ids = new ArrayList<>();
        for (Entry e : entries) {
            if (e.property() == MqttProperty.SUBSCRIPTION_IDENTIFIER) {
                ids.add((Integer) e.value());
            }
        }
        return ids;
    }

    public Long sessionExpiryInterval() {
        return fourByteInteger(MqttProperty.SESSION_EXPIRY_INTERVAL);
    }

    public String assignedClientIdentifier() {
        return string(MqttProperty.ASSIGNED_CLIENT_IDENTIFIER);
    }

    public Integer serverKeepAlive() {
        return integer(MqttProperty.SERVER_KEEP_ALIVE);
    }

    public String authenticationMethod() {
        return string(MqttProperty.AUTHENTICATION_METHOD);
    }

    public byte[] authenticationData() {
        return binary(MqttProperty.AUTHENTICATION_DATA);
    }

    public Integer requestProblemInformation() {
        return integer(MqttProperty.REQUEST_PROBLEM_INFORMATION);
    }

    public Long willDelayInterval() {
        return fourByteInteger(MqttProperty.WILL_DELAY_INTERVAL);
    }

    public Integer requestResponseInformation() {
        return integer(MqttProperty.REQUEST_RESPONSE_INFORMATION);
    }

    public String responseInformation() {
        return string(MqttProperty.RESPONSE_INFORMATION);
    }

    public String serverReference() {
        return string(MqttProperty.SERVER_REFERENCE);
    }

    public String reasonString() {
        return string(MqttProperty.REASON_STRING);
    }

    public Integer receiveMaximum() {
        return integer(MqttProperty.RECEIVE_MAXIMUM);
    }

    public Integer topicAliasMaximum() {
        return integer(MqttProperty.TOPIC_ALIAS_MAXIMUM);
    }

    public Integer topicAlias() {
        return integer(MqttProperty.TOPIC_ALIAS);
    }

    public Integer maximumQos() {
        return integer(MqttProperty.MAXIMUM_QOS);
    }

    public Integer retainAvailable() {
        return integer(MqttProperty.RETAIN_AVAILABLE);
    }

    /** Every user property, in order; names may repeat (MQTT 5.0 section 3.1.2.11.8). */
    public List<StringPair> userProperties() {
        List<StringPair> pairs = new ArrayList<>();
        for (Entry e : entries) {
            if (e.property() == MqttProperty.USER_PROPERTY) {
                pairs.add((StringPair) e.value());
            }
        }
        return pairs;
    }

    public Long maximumPacketSize() {
        return fourByteInteger(MqttProperty.MAXIMUM_PACKET_SIZE);
    }

    public Integer wildcardSubscriptionAvailable() {
        return integer(MqttProperty.WILDCARD_SUBSCRIPTION_AVAILABLE);
    }

    public Integer subscriptionIdentifierAvailable() {
        return integer(MqttProperty.SUBSCRIPTION_IDENTIFIER_AVAILABLE);
    }

    public Integer sharedSubscriptionAvailable() {
        return integer(MqttProperty.SHARED_SUBSCRIPTION_AVAILABLE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttProperties p && p.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects properties in the order they will be written. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        /** Any property; the value must be of its type's class, see {@link MqttProperty.Type#valueClass()}. */
        public Builder add(MqttProperty property, Object value) {
            entries.add(new Entry(property, value));
            return this;
        }

        public Builder userProperty(String name, String value) {
            return add(MqttProperty.USER_PROPERTY, new StringPair(name, value));
        }

        public MqttProperties build() {
            return entries.isEmpty() ? EMPTY : new MqttProperties(List.copyOf(entries));
        }
    }
}
