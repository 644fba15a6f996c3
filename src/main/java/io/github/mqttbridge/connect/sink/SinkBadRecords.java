package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.task.ErrorPolicy;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What becomes of a record that cannot become an MQTT message, per the {@link ErrorPolicy}. The dead letter queue
 * is Connect's errant record reporter, which writes to {@code errors.deadletterqueue.topic.name} when it is set;
 * a worker too old to offer one makes tolerated records logged and skipped. The task then counts the record as
 * done, so the records after it flow on.
 */
final class SinkBadRecords {
    private final ErrorPolicy policy;
    private final ErrantRecordReporter reporter;
    private final MqttSinkTaskMetrics metrics;

    SinkBadRecords(boolean tolerateAll, ErrantRecordReporter reporter, MqttSinkTaskMetrics metrics) {
        this.policy = new ErrorPolicy(tolerateAll, reporter == null ? null : "(Connect's errant record reporter)",
                "Fix the record, or " + MqttSinkConnectorConfig.TOPIC_CONFIG + " and "
                        + MqttSinkConnectorConfig.PAYLOAD_FORMAT_CONFIG, "errors.deadletterqueue.topic.name");
        this.reporter = reporter;
        this.metrics = metrics;
    }

    /** Returns when the record counts as done; throws when errors are not tolerated. */
    void handle(SinkRecord record, BadRecordException e) {
        metrics.badRecord();
        String what = "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
        if (policy.handle(what, e) == ErrorPolicy.Outcome.DEAD_LETTER) {
            reporter.report(record, e);
        }
    }
}
