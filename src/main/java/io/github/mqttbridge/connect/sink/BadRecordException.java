package io.github.mqttbridge.connect.sink;

/**
 * A record that cannot become an MQTT message (no topic, no payload); it goes through {@code errors.tolerance}
 * instead of failing the task. The message says why, without the record's coordinates, which the caller adds.
 */
final class BadRecordException extends Exception {
    BadRecordException(String reason) {
        super(reason);
    }

    BadRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
