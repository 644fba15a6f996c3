package io.github.mqttbridge.connect.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class PublishWindowTest {
    @Test
    void room_while_fewer_than_the_maximum_are_outstanding() {
        PublishWindow window = new PublishWindow(2, 10, 60_000);
        window.opened();
        assertTrue(window.awaitRoom());
        window.opened();
        assertFalse(window.awaitRoom(), "two of two outstanding: no room after the backoff");
        window.closed(false);
        assertTrue(window.awaitRoom(), "a failed publish frees its place too");
    }

    @Test
    void a_publish_completing_on_another_thread_wakes_a_waiting_put() {
        PublishWindow window = new PublishWindow(1, 60_000, 60_000);
        window.opened();
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(window::awaitRoom);
        window.closed(true);
        await().atMost(Duration.ofSeconds(30)).until(room::isDone);
        assertTrue(room.join());
    }

    @Test
    void a_stall_hands_the_batch_back_until_the_retry_timeout_then_fails_the_task() {
        PublishWindow patient = new PublishWindow(1, 10, 60_000);
        patient.opened();
        RetriableException retry = patient.stalled(patient.full());
        assertTrue(retry.getMessage().contains("1 records wait") && retry.getMessage().contains("retried in 10 ms"),
                retry.getMessage());

        PublishWindow impatient = new PublishWindow(1, 10, 0);
        impatient.opened();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConnectException e = assertThrows(ConnectException.class, () -> impatient.stalled("the broker is gone"));
            assertTrue(e.getMessage().contains("mqtt.retry.timeout.ms=0"), e.getMessage());
        });
    }
}
