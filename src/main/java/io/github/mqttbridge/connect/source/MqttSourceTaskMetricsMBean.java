package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.TaskMetricsMBean;

/**
 * The JMX view of one source task, registered as
 * {@code io.github.mqttbridge:type=mqtt-source-task,connector=<connector name>,task=<task index>}, with
 * {@code Reconnects} and {@code Connected} from {@link TaskMetricsMBean}.
 */
public interface MqttSourceTaskMetricsMBean extends TaskMetricsMBean {
    /** Messages the MQTT client delivered to the task since it started, redeliveries included. */
    long getMessagesReceived();

    /** Records Kafka confirmed (commitRecord) since the task started. */
    long getRecordsCommitted();

    /** QoS 1 and 2 messages handed to Kafka whose acknowledgement to the broker waits for Kafka's confirmation. */
    int getAcksPending();

    /** Messages waiting between the MQTT client and poll(). */
    int getQueueDepth();

    /** Payload bytes waiting between the MQTT client and poll(). */
    long getQueueBytes();

    /** Whether the broker confirmed every subscription of the task. */
    boolean isSubscribed();

    /**
     * With mqtt.payload.format=sparkplug-b, messages refused because a metric alias was declared by no BIRTH the
     * task saw (the edge node needs a rebirth); 0 with other formats.
     */
    long getSparkplugUnknownAliases();
}
