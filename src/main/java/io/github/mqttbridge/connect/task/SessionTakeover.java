package io.github.mqttbridge.connect.task;

import io.github.mqttbridge.client.ConnectionLost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the most common misconfiguration behind a lost connection: on MQTT 5 the broker says "session taken over"
 * (DISCONNECT reason code 0x8E) when another client connected with the same client id, and the two then take the
 * connection from each other in turn. The client's own line says the connection was lost; this one says why and
 * what to change.
 */
public final class SessionTakeover {
    private static final Logger log = LoggerFactory.getLogger(SessionTakeover.class);
    static final int SESSION_TAKEN_OVER = 0x8E;

    private SessionTakeover() {
    }

    /** Logs the explanation when {@code lost} is a takeover of {@code clientId}; {@code task} names the task. */
    public static void explain(ConnectionLost lost, String clientId, String task) {
        if (lost.reasonCode() == SESSION_TAKEN_OVER) {
            log.error("MQTT {}: the broker ended the connection of client id '{}' because another client connected "
                    + "with the same id (0x8E Session taken over). Two connectors, or a connector and another "
                    + "application, share this id; give each connector its own mqtt.client.id, or leave it empty "
                    + "to derive it from the connector's name", task, clientId);
        }
    }
}
