package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.TaskConfig;
import io.github.mqttbridge.connect.task.TaskMetrics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The counters of one sink task, registered as
 * {@code io.github.mqttbridge:type=mqtt-sink-task,connector=<connector name>,task=<task index>} while the task
 * runs; the name is quoted when it holds characters other than letters, digits, '.', '_' and '-'.
 */
public final class MqttSinkTaskMetrics extends TaskMetrics implements MqttSinkTaskMetricsMBean {
    static final String TYPE = "mqtt-sink-task";

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong badRecords = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    /** The expired records among those published: they left the client's hands without an acknowledgement. */
    private final AtomicLong expiredUnsent = new AtomicLong();

    MqttSinkTaskMetrics(TaskConfig<?> task, BooleanSupplier connected) {
        super(TYPE, NameQuoting.UNLESS_PLAIN, task, connected);
    }

    void published() {
        published.incrementAndGet();
    }

    void acknowledged() {
        acknowledged.incrementAndGet();
    }

    void failed() {
        failures.incrementAndGet();
    }

    void badRecord() {
        badRecords.incrementAndGet();
    }

    void refused() {
        refused.incrementAndGet();
    }

    /** A record whose message expiry had passed before it was published. */
    void expired() {
        expired.incrementAndGet();
    }

    /** A published record whose message expiry passed while it waited in the client. */
    void expiredUnsent() {
        expiredUnsent.incrementAndGet();
        expired.incrementAndGet();
    }

    @Override
    public long getRecordsPublished() {
        return published.get();
    }

    @Override
    public long getRecordsAcknowledged() {
        return acknowledged.get();
    }

    @Override
    public long getRecordsInFlight() {
        return published.get() - acknowledged.get() - failures.get() - refused.get() - expiredUnsent.get();
    }

    @Override
    public long getPublishFailures() {
        return failures.get();
    }

    @Override
    public long getBadRecords() {
        return badRecords.get();
    }

    @Override
    public long getRecordsRefused() {
        return refused.get();
    }

    @Override
    public long getRecordsExpired() {
        return expired.get();
    }
}
