package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The raw client's costs per message are those of its named threads: another thread's must not leak in. */
class ThreadCostsTest {
    private static final int ALLOCATED = 8 * 1024 * 1024;

    @Test
    void onlyTheNamedThreadsAreCountedFromTheirStateAtTheStart() throws Exception {
        CountDownLatch sampled = new CountDownLatch(1);
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread counted = new Thread(() -> {
            try {
                sampled.await();
                byte[][] chunks = new byte[8][];
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = new byte[ALLOCATED / chunks.length];
                }
                allocated.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mqtt-costs-test-worker");
        counted.start();
        try {
            ThreadCosts start = ThreadCosts.named(List.of("mqtt-costs-test-"));
            sampled.countDown();
            allocated.await();
            byte[] elsewhere = new byte[4 * ALLOCATED];
            Usage usage = ThreadCosts.named(List.of("mqtt-costs-test-")).since(start);

            assertTrue(usage.allocatedBytes() >= ALLOCATED, usage.toString());
            // the test thread's four times as much is not in it
            assertTrue(usage.allocatedBytes() < elsewhere.length, usage.toString());
            assertEquals(new Usage(0, 0), ThreadCosts.named(List.of()).since(ThreadCosts.NONE));
        } finally {
            done.countDown();
            counted.join();
        }
    }
}
