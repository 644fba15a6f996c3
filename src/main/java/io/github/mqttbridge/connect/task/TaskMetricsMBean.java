package io.github.mqttbridge.connect.task;

/** The attributes every task's MBean has; each direction's MBean interface extends this one. */
public interface TaskMetricsMBean {
    /** Times the client connected again on its own after losing its connection. */
    long getReconnects();

    /** Whether the client is connected to a broker now. */
    boolean isConnected();
}
