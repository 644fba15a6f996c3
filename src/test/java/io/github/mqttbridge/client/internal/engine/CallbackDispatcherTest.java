package io.github.mqttbridge.client.internal.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback thread: messages a reader delivers run in order once released, and the bound never deadlocks. */
class CallbackDispatcherTest {
    private final CallbackDispatcher dispatcher = new CallbackDispatcher("test-callbacks", 3, 1 << 20);
    private final List<Integer> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        dispatcher.shutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void what_one_read_delivered_runs_in_order_once_released() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(this::callbackThreadWaits);
        for (int i = 1; i <= 3; i++) {
            int n = i;
            dispatcher.deliver(() -> ran.add(n), 10);
        }
        assertTrue(callbackThreadWaits(), "delivering alone does not wake the callback thread");
        dispatcher.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 3);
        assertEquals(List.of(1, 2, 3), ran);
    }

    @Test
    void a_reader_past_the_bound_releases_what_it_delivered_before_it_waits() throws Exception {
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i <= 10; i++) {
                    int n = i;
                    dispatcher.deliver(() -> ran.add(n), 10);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.get(10, TimeUnit.SECONDS);
        dispatcher.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 10);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), ran);
    }

    @Test
    void waiting_for_idle_runs_what_was_delivered_and_not_released() throws Exception {
        dispatcher.deliver(() -> ran.add(1), 10);
        assertTrue(dispatcher.awaitIdle(10, TimeUnit.SECONDS));
        assertEquals(List.of(1), ran);
    }

    private boolean callbackThreadWaits() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-callbacks") && t.getState() == Thread.State.WAITING);
    }
}
