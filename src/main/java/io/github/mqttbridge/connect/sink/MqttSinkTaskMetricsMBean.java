package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.TaskMetricsMBean;

/**
 * The JMX view of one sink task, registered as
 * {@code io.github.mqttbridge:type=mqtt-sink-task,connector=<connector name>,task=<task index>}, with
 * {@code Reconnects} and {@code Connected} from {@link TaskMetricsMBean}.
 */
public interface MqttSinkTaskMetricsMBean extends TaskMetricsMBean {
    /** Records handed to the MQTT client to publish. */
    long getRecordsPublished();

    /** Publishes the broker acknowledged (QoS 0: written to the connection). */
    long getRecordsAcknowledged();

    /** Publishes handed to the client and not yet acknowledged, sent or waiting. */
    long getRecordsInFlight();

    /** Publishes the client gave up on; their records are delivered again from Kafka. */
    long getPublishFailures();

    /** Records that could not become an MQTT message, sent to errors.tolerance / the dead letter queue. */
    long getBadRecords();

    /** MQTT 5: publishes the broker refused with a reason code (or too large to send), sent to errors.tolerance. */
    long getRecordsRefused();

    /** MQTT 5: records not published because their message expiry had passed. */
    long getRecordsExpired();
}
