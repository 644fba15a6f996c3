package io.github.mqttbridge.client;

/**
 * A failed MQTT operation: completes the futures of {@link MqttClient} exceptionally and describes lost connections.
 * Wrong parameters are not reported this way; they throw {@link IllegalArgumentException} at the call.
 */
public class MqttException extends Exception {
    private static final long serialVersionUID = 1L;

    private final MqttErrorCode code;
    private final int returnCode;

    public MqttException(MqttErrorCode code, String message) {
        this(code, message, -1, null);
    }

    public MqttException(MqttErrorCode code, String message, Throwable cause) {
        this(code, message, -1, cause);
    }

    private MqttException(MqttErrorCode code, String message, int returnCode, Throwable cause) {
        super(code.name() + ": " + message, cause);
        this.code = code;
        this.returnCode = returnCode;
    }

    /** A CONNACK that refused the connection; {@link #returnCode()} is the broker's code. */
    public static MqttException connackRefused(int returnCode) {
        return new MqttException(MqttErrorCode.CONNACK_RETURNCODE,
                "connection refused by the server, CONNACK return code " + returnCode + " ("
                        + ConnAckReturnCode.describe(returnCode) + ")",
                returnCode, null);
    }

    public MqttErrorCode code() {
        return code;
    }

    /** The broker's CONNACK or SUBACK return code behind this failure, or -1 when there is none. */
    public int returnCode() {
        return returnCode;
    }

    /** A SUBACK that refused a subscription with 0x80. */
    public static MqttException subscribeRefused(String filter) {
        return new MqttException(MqttErrorCode.SUBSCRIBE_FAILED,
                "the server refused the subscription to '" + filter + "' (SUBACK return code 0x80)", 0x80, null);
    }
}
