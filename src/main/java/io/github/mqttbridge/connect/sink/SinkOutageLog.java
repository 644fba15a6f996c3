package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.ConnectionLost;
import io.github.mqttbridge.client.MqttErrorCode;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One WARN line when the broker becomes unreachable and one INFO line when it is back, not one per record. */
final class SinkOutageLog {
    private static final Logger log = LoggerFactory.getLogger(SinkOutageLog.class);

    private final String clientId;
    private final int bufferBound;
    private final MqttSinkTaskMetrics metrics;
    /** When the outage began (System.nanoTime), or 0 while connected. */
    private final AtomicLong downSince = new AtomicLong();

    SinkOutageLog(String clientId, int bufferBound, MqttSinkTaskMetrics metrics) {
        this.clientId = clientId;
        this.bufferBound = bufferBound;
        this.metrics = metrics;
    }

    void lost(ConnectionLost lost) {
        if (lost.errorCode() != MqttErrorCode.OK) {
            down("lost the connection to " + lost.uri() + " (" + lost.errorMessage() + ")");
        }
    }

    /** The first connect has not succeeded yet when records already wait. */
    void notYetConnected() {
        down("cannot reach the MQTT broker yet");
    }

    private void down(String what) {
        if (downSince.compareAndSet(0, Math.max(1, System.nanoTime()))) {
            log.warn("MQTT client '{}' {}; the task keeps running and reconnecting, up to {} records wait in "
                    + "memory, and offsets are committed only up to what the broker acknowledged", clientId, what,
                    bufferBound);
        }
    }

    void connected(boolean reconnect, String uri) {
        if (reconnect) {
            metrics.reconnected();
        }
        long since = downSince.getAndSet(0);
        if (since != 0) {
            log.info("MQTT client '{}' is connected to {} again after {} s; unacknowledged messages are sent again",
                    clientId, uri, (System.nanoTime() - since) / 1_000_000_000L);
        }
    }
}
