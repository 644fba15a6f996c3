package io.github.mqttbridge.connect.source;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** Reads a source task's JMX bean; the in-process worker registers it in this JVM. */
public final class SourceTaskProbe {
    private SourceTaskProbe() {
    }

    public static Object attribute(String connector, int task, String attribute) {
        try {
            ObjectName name = new ObjectName("io.github.mqttbridge:type=mqtt-source-task,connector=" + connector
                    + ",task=" + task);
            var server = ManagementFactory.getPlatformMBeanServer();
            return server.isRegistered(name) ? server.getAttribute(name, attribute) : null;
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean subscribed(String connector, int task) {
        return Boolean.TRUE.equals(attribute(connector, task, "Subscribed"));
    }
}
