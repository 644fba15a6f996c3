package io.github.mqttbridge.connect.sink;

/** The JMX view of one sink task; see {@link SinkTaskMetrics#objectName}. */
public interface SinkTaskMetricsMBean {
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

    /** Times the client connected again after losing its connection. */
    long getReconnects();

    boolean isConnected();
}
