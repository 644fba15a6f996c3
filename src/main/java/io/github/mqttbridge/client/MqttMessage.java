package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.datatypes.TopicName;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An application message: payload, destination, QoS and the retained flag, as {@code Paho.MQTT.Message}. Messages
 * that arrive also tell whether the server marked them as a possible duplicate. The payload is copied in and out,
 * so a message never changes behind the caller's back.
 */
public final class MqttMessage {
    private final byte[] payload;
    private String destinationName;
    private int qos;
    private boolean retained;
    private boolean duplicate;
    private int messageId;
    private Runnable acknowledgement;

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

    /** An inbound message: wraps the decoded payload without copying it. */
    static MqttMessage arrived(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
                               int messageId, Runnable acknowledgement) {
        MqttMessage m = new MqttMessage(payload, topic, qos);
        m.retained = retained;
        m.duplicate = duplicate;
        m.messageId = messageId;
        m.acknowledgement = acknowledgement;
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
