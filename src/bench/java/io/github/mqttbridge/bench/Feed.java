package io.github.mqttbridge.bench;

/**
 * What feeds a steady round: messages 0, 1, 2, ... handed to the measured side's input (the broker, or Kafka for
 * the sink), never beyond the count the round last allowed, so that the round keeps a bounded backlog ahead of
 * what it measures instead of flooding its input.
 */
interface Feed extends AutoCloseable {

    /** Lets the feed hand over messages until {@code total} have been fed since it started. */
    void allow(long total) throws Exception;

    /** Messages handed over so far. */
    long fed();

    /** Stops feeding and returns once everything fed is out of the feed's hands (acknowledged, flushed). */
    @Override
    void close() throws Exception;
}
