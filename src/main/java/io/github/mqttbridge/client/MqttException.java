package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.engine.EngineFailure;

/**
 * A failed MQTT operation: completes the futures of {@link MqttClient} exceptionally and describes lost connections.
 * Wrong parameters are not reported this way; they throw {@link IllegalArgumentException} at the call.
 */
public class MqttException extends Exception {
    private static final long serialVersionUID = 1L;

    private final MqttErrorCode code;
    private final int returnCode;
    private final int reasonCode;
    private final String reasonString;
    private final String reason;

    public MqttException(MqttErrorCode code, String message) {
        this(code, message, null, null);
    }

    public MqttException(MqttErrorCode code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    private MqttException(MqttErrorCode code, String message, EngineFailure failure, Throwable cause) {
        super(code.name() + ": " + message, cause);
        this.code = code;
        this.returnCode = failure == null ? -1 : failure.returnCode();
        this.reasonCode = failure == null ? -1 : failure.reasonCode();
        this.reasonString = failure == null ? null : failure.reasonString();
        this.reason = failure == null ? null : failure.reason();
    }

    /** A CONNACK that refused the connection; {@link #returnCode()} is the broker's code. */
    public static MqttException connackRefused(int returnCode) {
        return of(EngineFailure.connackRefused(returnCode));
    }

    /** The engine's failure as the API reports it: same code by name, same message, same cause. */
    static MqttException of(EngineFailure failure) {
        Throwable cause = failure.getCause() instanceof EngineFailure inner ? of(inner) : failure.getCause();
        return new MqttException(MqttErrorCode.valueOf(failure.kind().name()), failure.detail(), failure, cause);
    }

    public MqttErrorCode code() {
        return code;
    }

    /** The broker's CONNACK or SUBACK return code behind this failure, or -1 when there is none. */
    public int returnCode() {
        return returnCode;
    }

    /**
     * The MQTT 5 reason code behind this failure (0x80 and above: a refused publish, subscription or connection, or
     * the server's DISCONNECT), or -1 when there is none, as always on MQTT 3.1 and 3.1.1.
     */
    public int reasonCode() {
        return reasonCode;
    }

    /** The MQTT 5 reason string the server sent with {@link #reasonCode()} (its words on why), or null. */
    public String reasonString() {
        return reasonString;
    }

    /**
     * The MQTT 5 reason code by its name in the specification, with the reason string if any, e.g.
     * "0x87 Not authorized: ACL denies sensors/#"; null when the server stated no reason code.
     */
    public String reason() {
        return reason;
    }

    /** A SUBACK that refused a subscription with 0x80. */
    public static MqttException subscribeRefused(String filter) {
        return of(EngineFailure.subscribeRefused(filter));
    }
}
