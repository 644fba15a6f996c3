package io.github.mqttbridge.connect.source;

/** A payload that the configured {@link PayloadFormat} cannot read; the message says why. */
final class PayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PayloadException(String reason) {
        super(reason);
    }
}
