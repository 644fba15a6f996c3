package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps one connection alive and notices when it is dead. A PINGREQ goes out before we have sent nothing for the
 * keep-alive interval [MQTT-3.1.2-23], and also when we have heard nothing for that long. The connection is given up with PING_TIMEOUT when a ping was sent and
 * nothing at all came back within the interval: any packet from the server counts as a sign of life, not only
 * PINGRESP. While the client itself holds back reading (the application is slow), the server's silence is ours,
 * so it does not count.
 */
public final class KeepAlive {
    private final Connection connection;
    private final long intervalNanos;
    private final BooleanSupplier readingHeldBack;
    private final ScheduledFuture<?> task;
    private long pingSentNanos;

    public KeepAlive(Connection connection, long intervalMillis, BooleanSupplier readingHeldBack,
              ScheduledExecutorService scheduler) {
        this.connection = connection;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.readingHeldBack = readingHeldBack;
        long period = Math.max(50, intervalMillis / 4);
        this.task = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (connection.isClosed()) {
            task.cancel(false);
            return;
        }
        long now = System.nanoTime();
        if (pingSentNanos != 0) {
            if (connection.lastReadNanos() - pingSentNanos >= 0 || readingHeldBack.getAsBoolean()) {
                pingSentNanos = 0;
            } else if (now - pingSentNanos >= intervalNanos) {
                connection.close(new EngineFailure(EngineFailure.Kind.PING_TIMEOUT, "no answer from " + connection.uri()
                        + " within " + TimeUnit.NANOSECONDS.toMillis(intervalNanos) + " ms of a PINGREQ"));
                return;
            }
        }
        // Half the interval, not all of it: brokers round their 1.5 x keep-alive grace down to whole seconds
        // (HiveMQ allows only 1 s for a keep-alive of 1 s), so a ping at the last moment can come too late.
        boolean quietOut = now - connection.lastWriteNanos() >= intervalNanos / 2;
        // A client that only publishes still hears nothing from a black-holed server: ask it, too.
        boolean quietIn = now - connection.lastReadNanos() >= intervalNanos && !readingHeldBack.getAsBoolean();
        if (pingSentNanos == 0 && (quietOut || quietIn)) {
            pingSentNanos = now;
            connection.send(PingReqPacket.INSTANCE);
        }
    }

    public void stop() {
        task.cancel(false);
    }
}
