package io.github.mqttbridge.connect.source;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The counters of one source task, and their registration as a JMX MBean for the task's lifetime. */
public final class MqttSourceTaskMetrics implements MqttSourceTaskMetricsMBean {
    static final String DOMAIN = "io.github.mqttbridge";
    static final String TYPE = "mqtt-source-task";

    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong recordsCommitted = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final PendingAcks pendingAcks;
    private final HandOverQueue queue;
    private final BooleanSupplier connected;
    private volatile BooleanSupplier subscribed = () -> false;
    private ObjectName registeredAs;

    MqttSourceTaskMetrics(PendingAcks pendingAcks, HandOverQueue queue, BooleanSupplier connected) {
        this.pendingAcks = pendingAcks;
        this.queue = queue;
        this.connected = connected;
    }

    void subscriptions(BooleanSupplier allConfirmed) {
        this.subscribed = allConfirmed;
    }

    static ObjectName objectName(String connectorName, int taskIndex) {
        try {
            return new ObjectName(DOMAIN + ":type=" + TYPE + ",connector=" + jmxValue(connectorName)
                    + ",task=" + taskIndex);
        } catch (JMException e) {
            throw new IllegalArgumentException("no JMX name for connector '" + connectorName + "'", e);
        }
    }

    /** The name as it is when JMX allows it, so tools show it plainly; quoted when it holds JMX's special characters. */
    private static String jmxValue(String name) {
        return name.matches("[^,=:\"*?\\n]*") ? name : ObjectName.quote(name);
    }

    /** Registers this MBean, replacing one a task of the same name left behind without being stopped. */
    void register(ObjectName name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(this, name);
        } catch (InstanceAlreadyExistsException e) {
            server.unregisterMBean(name);
            server.registerMBean(this, name);
        }
        registeredAs = name;
    }

    void unregister() {
        if (registeredAs == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
        } catch (InstanceNotFoundException e) {
            // Replaced and removed by a newer task of the same name: nothing of ours is left.
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + registeredAs, e);
        }
        registeredAs = null;
    }

    void messageReceived() {
        messagesReceived.incrementAndGet();
    }

    void recordCommitted() {
        recordsCommitted.incrementAndGet();
    }

    void reconnected() {
        reconnects.incrementAndGet();
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
    public long getReconnects() {
        return reconnects.get();
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
    public boolean isConnected() {
        return connected.getAsBoolean();
    }

    @Override
    public boolean isSubscribed() {
        return subscribed.getAsBoolean();
    }
}
