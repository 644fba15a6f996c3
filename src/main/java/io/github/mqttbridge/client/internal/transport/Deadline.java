package io.github.mqttbridge.client.internal.transport;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The connect timeout covers every step of opening a transport (TCP connect, TLS handshake), so each step gets
 * only what the previous ones left over.
 */
final class Deadline {

    /** Paho's default connection timeout, for options that leave it unset. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final long endNanos;
    private final boolean unlimited;

    private Deadline(Duration timeout) {
        this.unlimited = timeout.isZero();
        this.endNanos = System.nanoTime() + (unlimited ? 0 : timeout.toNanos());
    }

    /** Null means the default; zero means no limit, as for {@link java.net.Socket#connect}. */
    static Deadline of(TransportOptions options) {
        Duration timeout = options.connectTimeout() == null ? DEFAULT_CONNECT_TIMEOUT : options.connectTimeout();
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("connectTimeout must not be negative, was " + timeout);
        }
        return new Deadline(timeout);
    }

    /** Milliseconds left, 0 meaning unlimited (the convention of socket timeouts). */
    int remainingMillis() throws SocketTimeoutException {
        if (unlimited) {
            return 0;
        }
        long left = Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
        if (left == 0) {
            throw new SocketTimeoutException("connect timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** What is left, or null when unlimited. */
    Duration remaining() throws SocketTimeoutException {
        return unlimited ? null : Duration.ofMillis(remainingMillis());
    }
}
