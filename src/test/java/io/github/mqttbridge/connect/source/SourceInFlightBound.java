package io.github.mqttbridge.connect.source;

import java.util.Map;

/**
 * Source connector settings that bound how many messages a task holds between the broker and Kafka, and the bound
 * on duplicates they give when the task ends without acknowledging them (a stop or a SIGKILL of its worker). A
 * message can be in Kafka twice only if the broker had sent it and not received its PUBACK when the task ended.
 * Such a message was in the client's inbound queue ({@link #QUEUE}), in the hand-over queue ({@link #QUEUE}), or
 * polled and not yet acknowledged: in the producer, which holds at most {@code buffer.memory / MIN_RECORD_BYTES}
 * records, or confirmed by Kafka while its PUBACK waited behind an older message's (acknowledgements leave in
 * arrival order), at most as many again, since the older message was in the producer's buffer together with
 * them. Every term is a configured size, so the bound holds however slowly Kafka answers on a busy machine; only
 * the last group can be in Kafka, so it is generous, and still far below what a task that never acknowledged, or
 * a session lost with the worker, would send again.
 */
final class SourceInFlightBound {
    /** {@code mqtt.queue.max.messages}: the hand-over queue and, through the task, the client's inbound queue. */
    static final int QUEUE = 500;
    /** The task's producer: its {@code buffer.memory} bounds the records it holds that Kafka has not confirmed. */
    private static final int PRODUCER_BUFFER = 32 * 1024;
    private static final int PRODUCER_BATCH = 4 * 1024;
    /**
     * A lower bound of a record's size in the producer's buffer with {@link SourceTraffic}'s topics: key (the
     * MQTT topic, 21 bytes), value (1-5 bytes) and the five header names alone (60 bytes) exceed it, before header
     * values and framing.
     */
    private static final int MIN_RECORD_BYTES = 64;
    /** Messages that may reach Kafka twice. */
    static final int DUPLICATES = 2 * QUEUE + 2 * (PRODUCER_BUFFER / MIN_RECORD_BYTES);

    private SourceInFlightBound() {
    }

    /** Adds the settings the bound rests on to a connector's config. */
    static Map<String, String> applyTo(Map<String, String> config) {
        config.put("mqtt.queue.max.messages", Integer.toString(QUEUE));
        config.put("producer.override.buffer.memory", Integer.toString(PRODUCER_BUFFER));
        config.put("producer.override.batch.size", Integer.toString(PRODUCER_BATCH));
        return config;
    }
}
