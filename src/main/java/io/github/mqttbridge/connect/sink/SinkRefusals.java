package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttException;
import io.github.mqttbridge.connect.MqttHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the broker refused (an MQTT 5 PUBACK or PUBREC with a reason code of 0x80 or above) or the client
 * could not send at all (larger than the broker takes). Such a record is never committed as if delivered: with
 * {@code errors.tolerance=all} it goes to the dead letter queue with the reason code and reason string in headers
 * and counts as done only once the dead letter queue has it; otherwise the task fails, naming the code, the topic
 * and what to check. Refusals arrive on the client's thread and are handled on the task's.
 */
final class SinkRefusals {
    private static final Logger log = LoggerFactory.getLogger(SinkRefusals.class);

    /** What to check, by reason code, for the refusals a misconfiguration causes. */
    private static final Map<Integer, String> REMEDIES = Map.of(
            0x87, "the broker's access rules (ACL) for this client id and user on that topic",
            0x90, "mqtt.topic: the broker does not take this topic name",
            0x97, "the broker's quotas for this client",
            0x99, "the payload: the message says it is UTF-8 and the broker found it is not",
            0x95, "the broker's maximum packet size against the record's size");

    /** A refused publish of {@code record}, whose offset is {@code done} once it is handled. */
    record Refusal(SinkRecord record, String topic, MqttException cause, Runnable done) {
    }

    private final ConcurrentLinkedQueue<Refusal> refused = new ConcurrentLinkedQueue<>();
    private final boolean tolerateAll;
    private final ErrantRecordReporter reporter;
    private final String clientId;
    private final MqttSinkTaskMetrics metrics;

    SinkRefusals(boolean tolerateAll, ErrantRecordReporter reporter, String clientId, MqttSinkTaskMetrics metrics) {
        this.tolerateAll = tolerateAll;
        this.reporter = reporter;
        this.clientId = clientId;
        this.metrics = metrics;
    }

    /** On the client's thread. */
    void add(Refusal refusal) {
        metrics.refused();
        refused.add(refusal);
    }

    /** On the task's thread: sends the refused records to the dead letter queue, or fails the task. */
    void handle() {
        Refusal r;
        while ((r = refused.peek()) != null) {
            String what = describe(r);
            if (!tolerateAll) {
                throw new ConnectException(what + ". Check " + remedy(r.cause()) + ", or set errors.tolerance=all "
                        + "with errors.deadletterqueue.topic.name to keep refused records and go on.", r.cause());
            }
            if (reporter == null) {
                log.warn("Skipping the refused record (errors.tolerance=all, no dead letter queue): {}", what);
            } else {
                log.warn("Sending the refused record to the dead letter queue: {}", what);
                report(r);
            }
            refused.poll();
            r.done().run();
        }
    }

    private void report(Refusal r) {
        try {
            reporter.report(withReason(r.record(), r.cause()), r.cause()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while writing a refused record to the dead letter queue", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not write a refused record to the dead letter queue", e.getCause());
        }
    }

    /**
     * A plain copy of the record with the reason headers: Connect's reporter writes the original consumer record
     * for a record it made itself, and this copy's headers for one the task made.
     */
    static SinkRecord withReason(SinkRecord r, MqttException cause) {
        Headers headers = new ConnectHeaders(r.headers()).addInt(MqttHeaders.REASON_CODE, cause.reasonCode());
        if (cause.reasonString() != null) {
            headers.addString(MqttHeaders.REASON_STRING, cause.reasonString());
        }
        return new SinkRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
                r.kafkaOffset(), r.timestamp(), r.timestampType(), headers, r.originalTopic(),
                r.originalKafkaPartition(), r.originalKafkaOffset());
    }

    private String describe(Refusal r) {
        String record = "record " + r.record().topic() + "-" + r.record().kafkaPartition() + "@"
                + r.record().kafkaOffset();
        MqttException e = r.cause();
        if (e.reason() == null) {
            return "MQTT client '" + clientId + "' could not publish " + record + " to topic '" + r.topic() + "': "
                    + e.getMessage();
        }
        return "The MQTT broker refused " + record + " from client '" + clientId + "' on topic '" + r.topic()
                + "' with reason code " + e.reason();
    }

    private static String remedy(MqttException e) {
        if (e.reason() == null) {
            return "the broker's maximum packet size against the record's size";
        }
        return REMEDIES.getOrDefault(e.reasonCode(), "the broker's log for why it refused the message");
    }
}
