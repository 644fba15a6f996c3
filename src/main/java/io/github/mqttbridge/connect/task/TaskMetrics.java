package io.github.mqttbridge.connect.task;

import io.github.mqttbridge.connect.TaskConfig;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of one task, registered as the JMX MBean
 * {@code io.github.mqttbridge:type=<type>,connector=<connector name>,task=<task index>} while the task runs. This
 * base holds what both directions count (reconnects, connected) and the registration; each direction's subclass
 * adds its own counters.
 */
public abstract class TaskMetrics implements TaskMetricsMBean {
    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
    static final String DOMAIN = "io.github.mqttbridge";

    /**
     * When the connector name is quoted in the ObjectName. The name is what users type into their monitoring, so
     * each direction keeps the rule its MBeans were first published with.
     */
    public enum NameQuoting {
        /** Quoted only when JMX requires it: the name holds ',', '=', ':', '"', '*', '?' or a line break. */
        WHEN_REQUIRED("[^,=:\"*?\\n]*"),
        /** Quoted unless the name holds only letters, digits, '.', '_' and '-'. */
        UNLESS_PLAIN("[A-Za-z0-9._-]+");

        private final Pattern plain;

        NameQuoting(String plain) {
            this.plain = Pattern.compile(plain);
        }

        String value(String name) {
            return plain.matcher(name).matches() ? name : ObjectName.quote(name);
        }
    }

    private final AtomicLong reconnects = new AtomicLong();
    private final BooleanSupplier connected;
    private final ObjectName name;
    private final String task;
    private boolean registered;

    protected TaskMetrics(String type, NameQuoting quoting, TaskConfig<?> task, BooleanSupplier connected) {
        this.name = objectName(type, quoting, task.connectorName(), task.index());
        this.task = task.toString();
        this.connected = connected;
    }

    static ObjectName objectName(String type, NameQuoting quoting, String connectorName, int taskIndex) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",connector=" + quoting.value(connectorName)
                    + ",task=" + taskIndex);
        } catch (JMException e) {
            throw new IllegalArgumentException("no JMX name for connector '" + connectorName + "'", e);
        }
    }

    public ObjectName objectName() {
        return name;
    }

    /** Registers this MBean, replacing one a task of the same name left behind without being stopped. */
    public void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            try {
                server.registerMBean(this, name);
            } catch (InstanceAlreadyExistsException e) {
                server.unregisterMBean(name);
                server.registerMBean(this, name);
            }
            registered = true;
        } catch (JMException e) {
            log.warn("No JMX metrics for {}: {}", task, e.toString());
        }
    }

    public void unregister() {
        if (!registered) {
            return;
        }
        registered = false;
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            // Replaced and removed by a newer task of the same name: nothing of ours is left.
            log.debug("The JMX metrics of {} were already gone: {}", task, e.toString());
        }
    }

    public void reconnected() {
        reconnects.incrementAndGet();
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
