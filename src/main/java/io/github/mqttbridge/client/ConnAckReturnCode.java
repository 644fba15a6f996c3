package io.github.mqttbridge.client;

/** The meanings of the CONNACK return codes of MQTT 3.1 and 3.1.1. */
final class ConnAckReturnCode {
    private static final String[] MEANINGS = {
        "Connection Accepted",
        "Connection Refused: unacceptable protocol version",
        "Connection Refused: identifier rejected",
        "Connection Refused: server unavailable",
        "Connection Refused: bad user name or password",
        "Connection Refused: not authorized",
    };

    private ConnAckReturnCode() {
    }

    static String describe(int returnCode) {
        return returnCode >= 0 && returnCode < MEANINGS.length ? MEANINGS[returnCode] : "unknown return code";
    }
}
