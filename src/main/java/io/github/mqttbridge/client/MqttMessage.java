package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.datatypes.TopicName;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An application message: payload, destination, QoS and the retained flag, as {@code Paho.MQTT.Message}. Messages
 * that arrive also tell whether the server marked them as a possible duplicate. The payload is copied in and out,
 * so a message never changes behind the caller's back.
 *
 * <p>MQTT 5 adds metadata: user properties, content type, response topic, correlation data, message expiry
 * interval, the payload format indicator, and on arrival the identifiers of the subscriptions that matched. On an
 * MQTT 3.1 or 3.1.1 connection they are not sent, and arrived messages have none.
 */
public final class MqttMessage {
    private static final int MAX_BINARY_LENGTH = 65_535;
    private static final long MAX_FOUR_BYTE_INTEGER = 0xFFFF_FFFFL;

    private final byte[] payload;
    private String destinationName;
    private int qos;
    private boolean retained;
    private boolean duplicate;
    private int messageId;
    private Runnable acknowledgement;
    private List<UserProperty> userProperties;
    private String contentType;
    private String responseTopic;
    private byte[] correlationData;
    private Long messageExpiryInterval;
    private boolean payloadFormatUtf8;
    private List<Integer> subscriptionIdentifiers = List.of();

    /** A message whose payload is {@code payload} in UTF-8. */
    public MqttMessage(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        this.payload = payload.getBytes(StandardCharsets.UTF_8);
    }

    /** A message whose payload is a copy of {@code payload}. */
    public MqttMessage(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        this.payload = payload.clone();
    }

    /**
     * An inbound message: wraps the decoded payload without copying it, with the metadata of its MQTT 5 PUBLISH
     * taken as the server sent it (the codec has checked what MQTT requires of it).
     */
    static MqttMessage arrived(PublishPacket p, Runnable acknowledgement) {
        MqttMessage m = new MqttMessage(p.payload(), p.topic(), p.qos());
        m.retained = p.retain();
        m.duplicate = p.dup();
        m.messageId = p.packetId();
        m.acknowledgement = acknowledgement;
        MqttProperties props = p.properties();
        if (!props.isEmpty()) {
            Integer format = props.payloadFormatIndicator();
            m.payloadFormatUtf8 = format != null && format == 1;
            m.messageExpiryInterval = props.messageExpiryInterval();
            m.contentType = props.contentType();
            m.responseTopic = props.responseTopic();
            m.correlationData = props.correlationData();
            props.userProperties().forEach(pair -> m.addUserProperty(pair.name(), pair.value()));
            m.subscriptionIdentifiers = List.copyOf(props.subscriptionIdentifiers());
        }
        return m;
    }

    /** An outbound message from arguments the caller has validated; takes the payload as it is. */
    static MqttMessage outbound(String topic, byte[] payload, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(payload, topic, qos);
        m.retained = retained;
        return m;
    }

    private MqttMessage(byte[] payload, String destinationName, int qos) {
        this.payload = payload;
        this.destinationName = destinationName;
        this.qos = qos;
    }

    /** The payload as a string. Throws {@link IllegalArgumentException} when the payload is not valid UTF-8. */
    public String payloadString() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("payload is not valid UTF-8 (" + payload.length
                    + " bytes); use payloadBytes()", e);
        }
    }

    /** A copy of the payload. */
    public byte[] payloadBytes() {
        return payload.clone();
    }

    /** The payload without copying, for the client's own encoding path. */
    byte[] payloadNoCopy() {
        return payload;
    }

    public String destinationName() {
        return destinationName;
    }

    /** Sets the topic to publish to; it must be a valid topic name: non-empty, no wildcards, no U+0000. */
    public void setDestinationName(String destinationName) {
        this.destinationName = TopicName.require(destinationName, "destinationName");
    }

    public int qos() {
        return qos;
    }

    public void setQos(int qos) {
        this.qos = requireQos(qos, "qos");
    }

    public boolean retained() {
        return retained;
    }

    public void setRetained(boolean retained) {
        this.retained = retained;
    }

    /** True when the server sent this message as a possible redelivery (DUP flag). */
    public boolean duplicate() {
        return duplicate;
    }

    /**
     * The packet id the server gave an arrived QoS 1 or 2 message, or 0 (QoS 0, or a message of ours). Ids are
     * reused once a message is acknowledged, so this identifies a message only while it is in flight.
     */
    public int messageId() {
        return messageId;
    }

    /**
     * Tells the client the application is done with this inbound message. With
     * {@code ConnectOptions.builder().manualAcks(true)} the broker gets its PUBACK or PUBREC only after this call
     * (in arrival order); otherwise the client acknowledges when {@code onMessageArrived} returns and this does
     * nothing. Calling it twice, or on a message this client did not receive, does nothing.
     */
    public void ack() {
        Runnable a = acknowledgement;
        if (a != null) {
            acknowledgement = null;
            a.run();
        }
    }

    /** MQTT 5: adds a user property after those already there; names may repeat. */
    public void addUserProperty(String name, String value) {
        UserProperty property = new UserProperty(name, value);
        if (userProperties == null) {
            userProperties = new ArrayList<>();
        }
        userProperties.add(property);
    }

    /** MQTT 5: the user properties in the order they were added or arrived; empty when there are none. */
    public List<UserProperty> userProperties() {
        return userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** MQTT 5: the payload's content type, e.g. a MIME type; null when absent. */
    public String contentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType == null ? null : Arguments.utf8(contentType, "contentType");
    }

    /** MQTT 5: the topic a receiver should answer on (request/response); null when absent. */
    public String responseTopic() {
        return responseTopic;
    }

    public void setResponseTopic(String responseTopic) {
        this.responseTopic = responseTopic == null ? null : TopicName.require(responseTopic, "responseTopic");
    }

    /** MQTT 5: a copy of the bytes that tie a response to its request; null when absent. */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    public void setCorrelationData(byte[] correlationData) {
        if (correlationData != null && correlationData.length > MAX_BINARY_LENGTH) {
            throw new IllegalArgumentException("correlationData must be at most " + MAX_BINARY_LENGTH
                    + " bytes, was " + correlationData.length);
        }
        this.correlationData = correlationData == null ? null : correlationData.clone();
    }

    /**
     * MQTT 5: seconds the server may keep the message for a subscriber that has not received it; null when it never
     * expires. On arrival, what was left of it when the server sent the message.
     */
    public Long messageExpiryInterval() {
        return messageExpiryInterval;
    }

    public void setMessageExpiryInterval(Long seconds) {
        this.messageExpiryInterval = seconds == null ? null
                : Arguments.between(seconds, 0, MAX_FOUR_BYTE_INTEGER, " s", "messageExpiryInterval");
    }

    /** MQTT 5: true when the payload is declared UTF-8 text (payload format indicator 1). */
    public boolean payloadFormatUtf8() {
        return payloadFormatUtf8;
    }

    /** Declares the payload UTF-8 text; a payload that is not valid UTF-8 is refused when sent. */
    public void setPayloadFormatUtf8(boolean payloadFormatUtf8) {
        this.payloadFormatUtf8 = payloadFormatUtf8;
    }

    /** Whether any MQTT 5 metadata is set: most messages have none, and their publish skips the properties. */
    boolean hasMetadata() {
        return payloadFormatUtf8 || messageExpiryInterval != null || contentType != null || responseTopic != null
                || correlationData != null || userProperties != null;
    }

    /** MQTT 5: the identifiers of this client's subscriptions that matched an arrived message; empty otherwise. */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    static int requireQos(int qos, String parameter) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException(parameter + " must be 0, 1 or 2, was " + qos);
        }
        return qos;
    }

    @Override
    public String toString() {
        return "MqttMessage[destinationName=" + destinationName + ", qos=" + qos + ", retained=" + retained
                + ", duplicate=" + duplicate + ", payload=" + payload.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttMessage m && m.qos == qos && m.retained == retained && m.duplicate == duplicate
                && java.util.Objects.equals(m.destinationName, destinationName) && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(destinationName, qos, retained) * 31 + Arrays.hashCode(payload);
    }
}
