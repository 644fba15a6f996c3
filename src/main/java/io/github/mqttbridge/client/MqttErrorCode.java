package io.github.mqttbridge.client;

/**
 * Error codes of the client. The numbers and meanings mirror the {@code ERROR} table of the Eclipse Paho
 * JavaScript client, so that code written against Paho can switch on the same values.
 */
public enum MqttErrorCode {
    OK(0, "OK"),
    CONNECT_TIMEOUT(1, "Connect timed out"),
    SUBSCRIBE_TIMEOUT(2, "Subscribe timed out"),
    UNSUBSCRIBE_TIMEOUT(3, "Unsubscribe timed out"),
    PING_TIMEOUT(4, "Ping timed out"),
    INTERNAL_ERROR(5, "Internal error"),
    CONNACK_RETURNCODE(6, "Bad CONNACK return code"),
    SOCKET_ERROR(7, "Socket error"),
    SOCKET_CLOSE(8, "Socket closed"),
    MALFORMED_UTF(9, "Malformed UTF data"),
    UNSUPPORTED(10, "Unsupported"),
    INVALID_STATE(11, "Invalid state"),
    INVALID_TYPE(12, "Invalid type"),
    INVALID_ARGUMENT(13, "Invalid argument"),
    UNSUPPORTED_OPERATION(14, "Unsupported operation"),
    INVALID_STORED_DATA(15, "Invalid stored data"),
    INVALID_MQTT_MESSAGE_TYPE(16, "Invalid MQTT message type"),
    MALFORMED_UNICODE(17, "Malformed Unicode string"),
    BUFFER_FULL(18, "Message buffer is full"),
    /** Not in Paho's table: the broker refused a subscription (SUBACK return code 0x80). */
    SUBSCRIBE_FAILED(19, "Subscription refused by the server"),
    /** Not in Paho's table: the operation was abandoned because the client was disconnected or closed. */
    CLIENT_CLOSED(20, "Client disconnected"),
    /** Not in Paho's table: an MQTT 5 server refused a publish (PUBACK or PUBREC reason code 0x80 or above). */
    PUBLISH_FAILED(21, "Publish refused by the server"),
    /** Not in Paho's table: an MQTT 5 server ended the connection with a DISCONNECT and its reason code. */
    SERVER_DISCONNECT(22, "Disconnected by the server"),
    /** Not in Paho's table: an MQTT 5 message's expiry interval passed while it waited in the client, so it was not sent. */
    MESSAGE_EXPIRED(23, "Message expired before it was sent");

    private final int code;
    private final String description;

    MqttErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The numeric code, equal to Paho's for codes 0 to 18. */
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
