package io.github.mqttbridge.client.internal.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delay before the next connection attempt: doubling from the minimum to the maximum, with jitter so that many
 * clients do not come back at once. It falls back to the minimum only once a connection has stayed up for a
 * while: a server that accepts us and then drops the connection at once (a protocol error it provokes, a
 * session it cannot restore) must not make us reconnect at full speed forever.
 */
final class ReconnectBackoff {
    /** How long a connection must stay up before the backoff starts again from its minimum. */
    static final Duration HEALTHY_AFTER = Duration.ofSeconds(10);

    private final long minMillis;
    private final long maxMillis;
    private final long healthyMillis;
    private long nextMillis;
    private long connectedAtNanos = -1;

    ReconnectBackoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.healthyMillis = HEALTHY_AFTER.toMillis();
        this.nextMillis = minMillis;
    }

    /** A connection was accepted. */
    void connected(long nowNanos) {
        connectedAtNanos = nowNanos;
    }

    /** The connection ended or an attempt failed: the delay to wait before the next attempt. */
    long nextDelayMillis(long nowNanos) {
        if (connectedAtNanos >= 0 && (nowNanos - connectedAtNanos) / 1_000_000 >= healthyMillis) {
            nextMillis = minMillis;
        }
        connectedAtNanos = -1;
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, base * 2);
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }
}
