package io.github.mqttbridge.client.internal.engine;

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
        SOCKET_ERROR, SOCKET_CLOSE, INVALID_STORED_DATA, BUFFER_FULL, SUBSCRIBE_FAILED, CLIENT_CLOSED
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

    public EngineFailure(Kind kind, String detail) {
        this(kind, detail, -1, null);
    }

    public EngineFailure(Kind kind, String detail, Throwable cause) {
        this(kind, detail, -1, cause);
    }

    private EngineFailure(Kind kind, String detail, int returnCode, Throwable cause) {
        super(kind.name() + ": " + detail, cause);
        this.kind = kind;
        this.detail = detail;
        this.returnCode = returnCode;
    }

    public static EngineFailure connackRefused(int returnCode) {
        return new EngineFailure(Kind.CONNACK_RETURNCODE, "connection refused by the server, CONNACK return code "
                + returnCode + " (" + describeConnAck(returnCode) + ")", returnCode, null);
    }

    public static EngineFailure subscribeRefused(String filter) {
        return new EngineFailure(Kind.SUBSCRIBE_FAILED, "the server refused the subscription to '" + filter
                + "' (SUBACK return code 0x80)", 0x80, null);
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
}
