package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.TaskConfig;
import io.github.mqttbridge.connect.task.TaskMetrics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The counters of one source task, registered as
 * {@code io.github.mqttbridge:type=mqtt-source-task,connector=<connector name>,task=<task index>}.
 */
public final class MqttSourceTaskMetrics extends TaskMetrics implements MqttSourceTaskMetricsMBean {
    static final String TYPE = "mqtt-source-task";

    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong recordsCommitted = new AtomicLong();
    private final PendingAcks pendingAcks;
    private final HandOverQueue queue;
    private volatile BooleanSupplier subscribed = () -> false;
    private volatile LongSupplier sparkplugUnknownAliases = () -> 0;

    MqttSourceTaskMetrics(TaskConfig<?> task, PendingAcks pendingAcks, HandOverQueue queue, BooleanSupplier connected) {
        super(TYPE, NameQuoting.WHEN_REQUIRED, task, connected);
        this.pendingAcks = pendingAcks;
        this.queue = queue;
    }

    void subscriptions(BooleanSupplier allConfirmed) {
        this.subscribed = allConfirmed;
    }

    void sparkplugUnknownAliases(LongSupplier count) {
        this.sparkplugUnknownAliases = count;
    }

    void messageReceived() {
        messagesReceived.incrementAndGet();
    }

    void recordCommitted() {
        recordsCommitted.incrementAndGet();
    }

    @Override
    public long getMessagesReceived() {
        return messagesReceived.get();
    }

    @Override
    public long getRecordsCommitted() {
        return recordsCommitted.get();
    }

    @Override
    public int getAcksPending() {
        return pendingAcks.size();
    }

    @Override
    public int getQueueDepth() {
        return queue.size();
    }

    @Override
    public long getQueueBytes() {
        return queue.bytes();
    }

    @Override
    public boolean isSubscribed() {
        return subscribed.getAsBoolean();
    }

    @Override
    public long getSparkplugUnknownAliases() {
        return sparkplugUnknownAliases.getAsLong();
    }
}
