package io.github.mqttbridge.client.internal.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.transport.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader thread of a connection: how many reads a stream of small packets takes. */
class ConnectionReaderTest {
    /** A PUBACK on an MQTT 3.1.1 connection, as a server writes it: one packet per write. */
    private static final byte[] PUBACK = {0x40, 0x02, 0x00, 0x01};

    private final FeedTransport transport = new FeedTransport();
    private final CountingHandler handler = new CountingHandler();
    private final Connection connection = new Connection(transport, "tcp://test", MqttVersion.MQTT_3_1_1,
            1 << 20, "test", handler);

    @AfterEach
    void close() {
        connection.close(new EngineFailure(EngineFailure.Kind.SOCKET_CLOSE, "test over"));
    }

    @Test
    void a_packet_is_read_and_handled_at_once() {
        connection.start();
        transport.feed(PUBACK);
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.packets.get() == 1);
    }

    @Test
    void with_many_publishes_awaiting_acknowledgement_packets_arriving_one_by_one_are_read_together() {
        handler.unacknowledged = Connection.GATHER_UNACKNOWLEDGED;
        connection.start();
        // 50 packets, 20 µs apart, over a millisecond: the reader's pause after each short read takes them in a few
        // reads. A thread held up for longer than the pause on a loaded machine splits them in a few more.
        for (int i = 0; i < 50; i++) {
            transport.feed(PUBACK);
            long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.packets.get() == 50);
        assertTrue(handler.reads.get() < 15, "reads: " + handler.reads.get());
    }

    /** Hands each read whatever the test fed since the last, blocking while there is nothing. */
    private static final class FeedTransport implements Transport {
        private static final byte[] CLOSED = new byte[0];
        private final LinkedBlockingQueue<byte[]> fed = new LinkedBlockingQueue<>();

        void feed(byte[] bytes) {
            fed.add(bytes);
        }

        @Override
        public int read(ByteBuffer dst) throws java.io.IOException {
            try {
                byte[] first = fed.take();
                if (first == CLOSED) {
                    return -1;
                }
                int n = first.length;
                dst.put(first);
                for (byte[] next = fed.peek(); next != null && next != CLOSED && next.length <= dst.remaining();
                     next = fed.peek()) {
                    dst.put(fed.poll());
                    n += next.length;
                }
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void write(ByteBuffer src) {
            src.position(src.limit());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            fed.add(CLOSED);
        }
    }
}
