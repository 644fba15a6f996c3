package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandOverQueueTest {
    private static Arrived message(int size) {
        MqttMessage m = new MqttMessage(new byte[size]);
        m.setDestinationName("t");
        return Arrived.of(m, 0, false);
    }

    private static CompletableFuture<Boolean> putAsync(HandOverQueue queue, Arrived a) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queue.put(a);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void a_full_queue_holds_the_producer_until_poll_takes_messages() throws Exception {
        HandOverQueue queue = new HandOverQueue(2, 1_000);
        assertTrue(queue.put(message(1)));
        assertTrue(queue.put(message(1)));
        CompletableFuture<Boolean> third = putAsync(queue, message(1));
        await().during(200, TimeUnit.MILLISECONDS).atMost(10, TimeUnit.SECONDS).until(() -> !third.isDone());
        assertEquals(2, queue.drain(10, 0, 0).size());
        assertTrue(third.get(5, TimeUnit.SECONDS));
        assertEquals(1, queue.size());
    }

    @Test
    void the_byte_bound_holds_too_but_lets_one_oversized_message_through() throws Exception {
        HandOverQueue queue = new HandOverQueue(100, 10);
        assertTrue(queue.put(message(50)));
        CompletableFuture<Boolean> next = putAsync(queue, message(1));
        await().during(200, TimeUnit.MILLISECONDS).atMost(10, TimeUnit.SECONDS).until(() -> !next.isDone());
        assertEquals(50, queue.bytes());
        queue.drain(1, 0, 0);
        assertTrue(next.get(5, TimeUnit.SECONDS));
        assertEquals(1, queue.bytes());
    }

    @Test
    void drain_returns_at_most_the_batch_size_in_arrival_order() throws Exception {
        HandOverQueue queue = new HandOverQueue(10, 1_000);
        for (int i = 1; i <= 5; i++) {
            queue.put(message(i));
        }
        List<Arrived> batch = queue.drain(3, 0, 0);
        assertEquals(List.of(1, 2, 3), batch.stream().map(a -> a.payload().length).toList());
        assertTrue(queue.drain(3, 10, 0).size() == 2 && queue.drain(3, 10, 0).isEmpty());
    }

    @Test
    void gathering_takes_along_what_arrives_while_it_lets_time_pass() throws Exception {
        HandOverQueue queue = new HandOverQueue(100, 1_000);
        queue.put(message(1));
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
            for (int i = 2; i <= 5; i++) {
                putAsync(queue, message(i)).join();
            }
        });
        // two seconds for the other thread's four puts: far more than they take even on a loaded machine
        List<Arrived> batch = queue.drain(100, 0, TimeUnit.SECONDS.toNanos(2));
        more.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(1, 2, 3, 4, 5), batch.stream().map(a -> a.payload().length).toList());
    }

    @Test
    void a_full_batch_is_taken_without_gathering() {
        HandOverQueue queue = new HandOverQueue(100, 1_000);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 1; i <= 3; i++) {
                queue.put(message(i));
            }
            assertEquals(3, queue.drain(3, 0, TimeUnit.MINUTES.toNanos(1)).size());
        });
    }

    @Test
    void close_releases_a_waiting_producer_and_refuses_the_message() throws Exception {
        HandOverQueue queue = new HandOverQueue(1, 1_000);
        queue.put(message(1));
        CompletableFuture<Boolean> blocked = putAsync(queue, message(1));
        await().during(100, TimeUnit.MILLISECONDS).atMost(10, TimeUnit.SECONDS).until(() -> !blocked.isDone());
        queue.close();
        assertFalse(blocked.get(5, TimeUnit.SECONDS));
    }
}
