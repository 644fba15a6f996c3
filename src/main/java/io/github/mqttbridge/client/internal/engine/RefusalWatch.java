package io.github.mqttbridge.client.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a message that a server seems to refuse by dropping the connection each time the message is sent again
 * (NATS 2.9 closes the connection on any QoS 2 publish): connections that end soon after being accepted, each with
 * the same message still unacknowledged. The message stays queued, as the client cannot tell a refusal from an
 * outage, but the user is told, with a count, instead of watching a silent loop.
 */
final class RefusalWatch {
    private static final Logger log = LoggerFactory.getLogger(RefusalWatch.class);

    private long acceptedAtNanos;
    private String suspect;
    private int streak;

    void accepted(long nowNanos) {
        acceptedAtNanos = nowNanos;
    }

    /** An accepted connection ended with {@code oldestUnacknowledged} (a topic, or null) still in flight. */
    void ended(String oldestUnacknowledged, String uri, String cause, long nowNanos) {
        boolean soon = nowNanos - acceptedAtNanos < ReconnectBackoff.HEALTHY_AFTER.toNanos();
        if (!soon || oldestUnacknowledged == null) {
            suspect = null;
            streak = 0;
            return;
        }
        streak = oldestUnacknowledged.equals(suspect) ? streak + 1 : 1;
        suspect = oldestUnacknowledged;
        if (streak >= 2) {
            log.warn("The connection to {} ended {} times in a row soon after the message to '{}' was sent ({}):"
                    + " the server may be refusing that message (NATS 2.9 closes the connection on QoS 2"
                    + " publishes); it stays queued and is sent again on the next connection", uri, streak,
                    suspect, cause);
        }
    }
}
