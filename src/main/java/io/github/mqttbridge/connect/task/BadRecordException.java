package io.github.mqttbridge.connect.task;

/**
 * A message or record that cannot be converted: a payload the source's format cannot read, a record the sink
 * cannot make a topic or payload of. It goes through the {@link ErrorPolicy} instead of failing the task at once.
 * The message says why, without the record's coordinates, which the caller adds.
 */
public final class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRecordException(String reason) {
        super(reason);
    }

    public BadRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
