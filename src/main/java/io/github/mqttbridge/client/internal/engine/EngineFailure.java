package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.ReasonCode;

/**
 * Why a connection or an operation failed, as the engine knows it. The client's API turns it into an
 * {@code EngineFailure} with the error code of the same name; the message already names the kind, as the
 * exception's does, so log lines read the same on both sides.
 */
public final class EngineFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure; each has an {@code EngineFailure.Kind} of the same name. */
    public enum Kind {
        OK, CONNECT_TIMEOUT, SUBSCRIBE_TIMEOUT, UNSUBSCRIBE_TIMEOUT, PING_TIMEOUT, INTERNAL_ERROR, CONNACK_RETURNCODE,
        SOCKET_ERROR, SOCKET_CLOSE, INVALID_STORED_DATA, BUFFER_FULL, SUBSCRIBE_FAILED, CLIENT_CLOSED, PUBLISH_FAILED,
        SERVER_DISCONNECT, MESSAGE_EXPIRED
    }

    private static final String[] CONNACK_MEANINGS = {
        "Connection Accepted",
        "Connection Refused: unacceptable protocol version",
        "Connection Refused: identifier rejected",
        "Connection Refused: server unavailable",
        "Connection Refused: bad user name or password",
        "Connection Refused: not authorized",
    };

    private final Kind kind;
    private final String detail;
    private final int returnCode;
    private final int reasonCode;
    private final String reasonString;
    private final String reason;

    public EngineFailure(Kind kind, String detail) {
        this(kind, detail, -1, null, null, null);
    }

    public EngineFailure(Kind kind, String detail, Throwable cause) {
        this(kind, detail, -1, null, null, cause);
    }

    private EngineFailure(Kind kind, String detail, int returnCode, ReasonCode.Stated stated, String reasonString,
                          Throwable cause) {
        super(kind.name() + ": " + detail, cause);
        this.kind = kind;
        this.detail = detail;
        this.returnCode = returnCode;
        this.reasonCode = stated == null ? -1 : stated.code();
        this.reasonString = reasonString;
        this.reason = stated == null ? null : ReasonCode.describe(stated.in(), stated.code()) + because(reasonString);
    }

    /**
     * A failure the server stated with an MQTT 5 reason code (0x80 and above) in a packet of type {@code in}, e.g. a
     * PUBACK or a DISCONNECT, and the reason string it sent with it, or null.
     */
    public static EngineFailure withReasonCode(Kind kind, String detail, PacketType in, int reasonCode,
                                               String reasonString) {
        return new EngineFailure(kind, detail, -1, new ReasonCode.Stated(in, reasonCode), reasonString, null);
    }

    public static EngineFailure connackRefused(int returnCode) {
        return new EngineFailure(Kind.CONNACK_RETURNCODE, "connection refused by the server, CONNACK return code "
                + returnCode + " (" + describeConnAck(returnCode) + ")", returnCode, null, null, null);
    }

    /** An MQTT 5 CONNACK with a reason code of 0x80 or above; {@code reason} is its reason string, or null. */
    public static EngineFailure connackRefused5(int reasonCode, String reason) {
        return new EngineFailure(Kind.CONNACK_RETURNCODE, "connection refused by the server, CONNACK reason code "
                + ReasonCode.describe(PacketType.CONNACK, reasonCode) + because(reason), -1,
                new ReasonCode.Stated(PacketType.CONNACK, reasonCode), reason, null);
    }

    /** An MQTT 5 PUBACK or PUBREC with a reason code of 0x80 or above: the server did not take the message. */
    public static EngineFailure publishRefused(PacketType ack, String topic, int reasonCode, String reason) {
        return withReasonCode(Kind.PUBLISH_FAILED, "the server refused the message to '" + topic + "' (" + ack
                + " reason code " + ReasonCode.describe(ack, reasonCode) + because(reason) + ")", ack, reasonCode, reason);
    }

    /** An MQTT 5 SUBACK that refused a subscription. */
    public static EngineFailure subscribeRefused5(String filter, int reasonCode, String reason) {
        return withReasonCode(Kind.SUBSCRIBE_FAILED, "the server refused the subscription to '" + filter
                + "' (SUBACK reason code " + ReasonCode.describe(PacketType.SUBACK, reasonCode) + because(reason)
                + ")", PacketType.SUBACK, reasonCode, reason);
    }

    /** The server ended the connection with an MQTT 5 DISCONNECT. */
    public static EngineFailure serverDisconnect(int reasonCode, String reason) {
        return withReasonCode(Kind.SERVER_DISCONNECT, "the server disconnected us with reason code "
                + ReasonCode.describe(PacketType.DISCONNECT, reasonCode) + because(reason), PacketType.DISCONNECT,
                reasonCode, reason);
    }

    private static String because(String reasonString) {
        return reasonString == null ? "" : ": " + reasonString;
    }

    public static EngineFailure subscribeRefused(String filter) {
        return new EngineFailure(Kind.SUBSCRIBE_FAILED, "the server refused the subscription to '" + filter
                + "' (SUBACK return code 0x80)", 0x80, null, null, null);
    }

    /** The meaning of a CONNACK return code of MQTT 3.1 and 3.1.1. */
    public static String describeConnAck(int returnCode) {
        return returnCode >= 0 && returnCode < CONNACK_MEANINGS.length ? CONNACK_MEANINGS[returnCode]
                : "unknown return code";
    }

    public Kind kind() {
        return kind;
    }

    /** The message without the kind's name in front. */
    public String detail() {
        return detail;
    }

    /** The CONNACK or SUBACK return code behind the failure, or -1. */
    public int returnCode() {
        return returnCode;
    }

    /** The MQTT 5 reason code the server gave for the failure, or -1. */
    public int reasonCode() {
        return reasonCode;
    }

    /** The MQTT 5 reason string the server sent with {@link #reasonCode()}, or null. */
    public String reasonString() {
        return reasonString;
    }

    /** The reason code by its MQTT 5 name, with the reason string, e.g. "0x87 Not authorized: no ACL"; or null. */
    public String reason() {
        return reason;
    }
}
