package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.TaskConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line every 30 s while poll() finds nothing and the task has not been connected for longer than a
 * connection attempt may take; the client's own warnings say why. Not one line per poll, and none for a short
 * reconnect.
 */
final class SourceOutageLog {
    private static final Logger log = LoggerFactory.getLogger(SourceOutageLog.class);
    private static final long INTERVAL_MS = 30_000;

    private final String task;
    private final List<String> servers;
    private final String clientId;
    private final long graceMs;
    private final long backoffMaxMs;
    /** When the connection was lost, or the task started (System.currentTimeMillis); 0 while connected. */
    private volatile long disconnectedSince = System.currentTimeMillis();
    private long lastLog;

    SourceOutageLog(TaskConfig<MqttSourceConnectorConfig> task) {
        MqttSourceConnectorConfig config = task.connector();
        this.task = task.toString();
        this.servers = config.serverUris();
        this.clientId = task.clientId();
        this.graceMs = config.connectTimeoutMs();
        this.backoffMaxMs = config.reconnectBackoffMaxMs();
    }

    /** On the client's thread. */
    void connected() {
        disconnectedSince = 0;
    }

    /** On the client's thread. */
    void lost() {
        disconnectedSince = System.currentTimeMillis();
    }

    /** On the task's thread: poll() found nothing to return. */
    void idle() {
        long since = disconnectedSince;
        long now = System.currentTimeMillis();
        if (since == 0 || now - since < graceMs || now - lastLog < INTERVAL_MS) {
            return;
        }
        lastLog = now;
        log.warn("MQTT source {} has not been connected to {} as '{}' for {} s; it keeps retrying with backoff "
                        + "(up to {} ms between attempts), see the client's warnings for the reason", task, servers,
                clientId, (now - since) / 1000, backoffMaxMs);
    }
}
