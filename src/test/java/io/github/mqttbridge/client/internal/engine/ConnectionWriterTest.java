package io.github.mqttbridge.client.internal.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.transport.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer thread of a connection: when it writes, and how many packets go in one write. */
class ConnectionWriterTest {
    /** A PUBACK is 4 bytes on an MQTT 3.1.1 connection. */
    private static final int PUBACK_BYTES = 4;

    private final RecordingTransport transport = new RecordingTransport();
    private volatile int unacknowledged;
    private final Connection connection = new Connection(transport, "tcp://test", MqttVersion.MQTT_3_1_1,
            1 << 20, "test", new Connection.Handler() {
                @Override
                public void onPacket(Connection c, MqttPacket packet) {
                }

                @Override
                public void onClosed(Connection c, EngineFailure cause) {
                }

                @Override
                public void onReadDone(Connection c) {
                }

                @Override
                public int unacknowledgedPublishes() {
                    return unacknowledged;
                }
            });

    @AfterEach
    void close() {
        connection.close(new EngineFailure(EngineFailure.Kind.SOCKET_CLOSE, "test over"));
    }

    @Test
    void a_sent_packet_is_written_at_once() {
        connection.start();
        connection.send(new PubAckPacket(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.bytesWritten() == PUBACK_BYTES);
    }

    @Test
    void queued_packets_wait_for_a_flush_and_leave_in_one_write() throws Exception {
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(this::writerParked);
        WrittenCount written = new WrittenCount();
        for (int id = 1; id <= 100; id++) {
            connection.queue(new PubAckPacket(id), written);
        }
        assertTrue(writerParked(), "queueing did not wake the writer");
        assertEquals(0, transport.bytesWritten());

        connection.flush();

        assertTrue(written.all.await(10, TimeUnit.SECONDS), "every queued packet written");
        assertEquals(100 * PUBACK_BYTES, transport.bytesWritten());
        assertEquals(List.of(100 * PUBACK_BYTES), transport.writes, "one write for the whole batch");
    }

    @Test
    void a_send_takes_the_queued_packets_along() {
        connection.start();
        for (int id = 1; id <= 10; id++) {
            connection.queue(new PubAckPacket(id), null);
        }
        connection.send(new PubAckPacket(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.bytesWritten() == 11 * PUBACK_BYTES);
    }

    @Test
    void with_many_publishes_in_flight_the_writer_gathers_what_follows_into_one_write() {
        unacknowledged = Connection.GATHER_UNACKNOWLEDGED;
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(this::writerParked);
        for (int id = 1; id <= 50; id++) {
            connection.send(new PubAckPacket(id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.bytesWritten() == 50 * PUBACK_BYTES);
        // 50 sends within the writer's pause after the first: one write, unless this thread was held up for
        // longer than the pause on a loaded machine, which splits it in a few
        assertTrue(transport.writes.size() < 10, "writes: " + transport.writes);
    }

    @Test
    void queued_packets_are_failed_when_the_connection_closes() throws Exception {
        WrittenCount listener = new WrittenCount();
        connection.queue(new PubAckPacket(1), listener);
        connection.close(new EngineFailure(EngineFailure.Kind.SOCKET_CLOSE, "closed by the test"));
        assertTrue(listener.failed.await(10, TimeUnit.SECONDS), "the queued packet's listener heard it failed");
    }

    private boolean writerParked() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-writer") && t.getState() == Thread.State.WAITING);
    }

    private static final class WrittenCount implements Connection.WriteListener {
        final CountDownLatch all = new CountDownLatch(100);
        final CountDownLatch failed = new CountDownLatch(1);

        @Override
        public void written() {
            all.countDown();
        }

        @Override
        public void failed(EngineFailure cause) {
            failed.countDown();
        }
    }

    /** Records the size of each write; reads block until it is closed. */
    private static final class RecordingTransport implements Transport {
        final List<Integer> writes = new CopyOnWriteArrayList<>();
        private final CountDownLatch closed = new CountDownLatch(1);

        int bytesWritten() {
            return writes.stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public int read(ByteBuffer dst) throws java.io.IOException {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void write(ByteBuffer src) {
            writes.add(src.remaining());
            src.position(src.limit());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
