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

    public MqttException(MqttErrorCode code, String message) {
        this(code, message, -1, -1, null);
    }

    public MqttException(MqttErrorCode code, String message, Throwable cause) {
        this(code, message, -1, -1, cause);
    }

    private MqttException(MqttErrorCode code, String message, int returnCode, int reasonCode, Throwable cause) {
        super(code.name() + ": " + message, cause);
        this.code = code;
        this.returnCode = returnCode;
        this.reasonCode = reasonCode;
    }

    /** A CONNACK that refused the connection; {@link #returnCode()} is the broker's code. */
    public static MqttException connackRefused(int returnCode) {
        return of(EngineFailure.connackRefused(returnCode));
    }

    /** The engine's failure as the API reports it: same code by name, same message, same cause. */
    static MqttException of(EngineFailure failure) {
        Throwable cause = failure.getCause() instanceof EngineFailure inner ? of(inner) : failure.getCause();
        return new MqttException(MqttErrorCode.valueOf(failure.kind().name()), failure.detail(),
                failure.returnCode(), failure.reasonCode(), cause);
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

    /** A SUBACK that refused a subscription with 0x80. */
    public static MqttException subscribeRefused(String filter) {
        return of(EngineFailure.subscribeRefused(filter));
    }
}
