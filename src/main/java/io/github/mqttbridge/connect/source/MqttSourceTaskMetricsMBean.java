package io.github.mqttbridge.connect.source;

/**
 * The JMX view of one source task, registered as
 * {@code io.github.mqttbridge:type=mqtt-source-task,connector=<connector name>,task=<task index>}.
 */
public interface MqttSourceTaskMetricsMBean {
    /** Messages the MQTT client delivered to the task since it started, redeliveries included. */
    long getMessagesReceived();

    /** Records Kafka confirmed (commitRecord) since the task started. */
    long getRecordsCommitted();

    /** QoS 1 and 2 messages handed to Kafka whose acknowledgement to the broker waits for Kafka's confirmation. */
    int getAcksPending();

    /** Times the client reconnected on its own after losing the connection. */
    long getReconnects();

    /** Messages waiting between the MQTT client and poll(). */
    int getQueueDepth();

    /** Payload bytes waiting between the MQTT client and poll(). */
    long getQueueBytes();

    /** Whether the client is connected to a broker now. */
    boolean isConnected();

    /** Whether the broker confirmed every subscription of the task. */
    boolean isSubscribed();
}
