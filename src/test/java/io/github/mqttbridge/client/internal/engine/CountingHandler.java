package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection's handler for the tests of its threads: counts packets and reads, and says how much is in flight. */
final class CountingHandler implements Connection.Handler {
    final AtomicInteger packets = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    /** What {@link #unacknowledgedPublishes()} reports: set it to make the connection's threads gather. */
    volatile int unacknowledged;

    @Override
    public void onPacket(Connection c, MqttPacket packet) {
        packets.incrementAndGet();
    }

    @Override
    public void onReadDone(Connection c) {
        reads.incrementAndGet();
    }

    @Override
    public void onClosed(Connection c, EngineFailure cause) {
    }

    @Override
    public int unacknowledgedPublishes() {
        return unacknowledged;
    }
}
