package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.Receipts;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application slower than the broker: the client must stop reading (TCP pushes back on the broker) instead of
 * buffering without bound, keep the connection alive meanwhile, and deliver everything once the application
 * catches up.
 */
class ClientBackPressureIT {
    private static final int MESSAGES = 100_000;
    private static final int PAYLOAD = 1024;
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final long HEAP_BOUND = 64L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void a_subscriber_stalled_for_30_s_keeps_its_heap_bounded_then_receives_everything(SharedBroker shared)
            throws Exception {
        TestBroker broker = shared.get();
        // An embedded broker queues in this JVM's heap, so only an out-of-process broker lets the heap show ours.
        boolean heapIsOurs = shared == SharedBroker.MOSQUITTO;
        String id = "stall-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        Receipts receipts = new Receipts(MESSAGES);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicInteger losses = new AtomicInteger();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        try (MqttClient subscriber = new MqttClient(broker.tcpUri(), id + "-s");
             MqttClient publisher = new MqttClient(broker.tcpUri(), id + "-p")) {
            subscriber.onMessageArrived(m -> {
                if (receipts.total() == 0) {
                    awaitQuietly(resume);
                }
                receipts.record(m.payloadBytes());
            });
            subscriber.onConnectionLost(l -> losses.incrementAndGet());
            subscriber.connect(ConnectOptions.builder().keepAliveInterval(Duration.ofSeconds(2))
                    .maxInboundQueue(1000, 4L * 1024 * 1024).build()).get(10, TimeUnit.SECONDS);
            subscriber.subscribe(topic, 1).get(10, TimeUnit.SECONDS);
            publisher.connect().get(10, TimeUnit.SECONDS);
            long baseline = usedHeapAfterGc(memory);

            long stallEnds = System.nanoTime() + STALL.toNanos();
            Semaphore window = new Semaphore(1000);
            for (int i = 0; i < MESSAGES; i++) {
                window.acquire();
                publisher.publish(topic, Receipts.payload(i, PAYLOAD), 1, false)
                        .whenComplete((ok, error) -> window.release());
            }
            AtomicLong peak = new AtomicLong();
            await().atMost(STALL.plusSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                peak.accumulateAndGet(usedHeapAfterGc(memory) - baseline, Math::max);
                return System.nanoTime() >= stallEnds;
            });
            assertEquals(0, losses.get(), "keep-alive must hold the connection while we hold back reading");
            assertTrue(receipts.total() == 0, "nothing may be delivered while the callback is stalled");
            resume.countDown();
            await().atMost(Duration.ofSeconds(180)).until(receipts::allArrived);
            assertEquals(0, losses.get());
            System.out.printf("%s: heap grew by at most %d KiB while %d messages of %d bytes waited (%s)%n", shared,
                    peak.get() / 1024, MESSAGES, PAYLOAD, receipts);
            if (heapIsOurs) {
                assertTrue(peak.get() < HEAP_BOUND, "heap grew by " + peak.get() / (1024 * 1024)
                        + " MiB during the stall; the inbound queue must bound it");
            }
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
