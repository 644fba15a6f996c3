package io.github.mqttbridge.connect.sink;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of one task, registered as
 * {@code io.github.mqttbridge:type=mqtt-sink-task,connector=<name>,task=<i>} while the task runs.
 */
final class SinkTaskMetrics implements SinkTaskMetricsMBean {
    private static final Logger log = LoggerFactory.getLogger(SinkTaskMetrics.class);

    final AtomicLong published = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong badRecords = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private final BooleanSupplier connected;
    private ObjectName registered;

    SinkTaskMetrics(BooleanSupplier connected) {
        this.connected = connected;
    }

    static ObjectName objectName(String connector, int task) throws JMException {
        return new ObjectName("io.github.mqttbridge:type=mqtt-sink-task,connector=" + quoteIfNeeded(connector)
                + ",task=" + task);
    }

    // ObjectName.quote always quotes; keep plain names plain so the documented name is what users type.
    private static String quoteIfNeeded(String name) {
        return name.matches("[A-Za-z0-9._-]+") ? name : ObjectName.quote(name);
    }

    void register(String connector, int task) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = objectName(connector, task);
            if (server.isRegistered(name)) {
                // A task restarted in the same worker before the old one unregistered.
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
            registered = name;
        } catch (JMException e) {
            log.warn("Could not register the task's JMX metrics: {}", e.toString());
        }
    }

    void unregister() {
        if (registered == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
        } catch (JMException e) {
            log.debug("The task's JMX metrics were already gone: {}", e.toString());
        }
        registered = null;
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
        return published.get() - acknowledged.get() - failures.get();
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
    public long getReconnects() {
        return reconnects.get();
    }

    @Override
    public boolean isConnected() {
        return connected.getAsBoolean();
    }
}
