package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Paho's adapters rely on the window to neither lose a slot nor hand out one too many. */
class InflightWindowTest {
    private static final Duration BLOCKED_TOO_LONG = Duration.ofSeconds(5);
    private static final IllegalStateException REFUSED = new IllegalStateException("too many publishes in flight");

    @Test
    void aRefusedPublishIsTriedAgainUntilTheLibraryTakesIt() throws Exception {
        InflightWindow window = new InflightWindow(1, e -> e == REFUSED);
        AtomicInteger attempts = new AtomicInteger();

        CompletableFuture<Void> published = window.publish(done -> {
            if (attempts.incrementAndGet() < 3) {
                throw REFUSED;
            }
            done.complete(null);
        });

        assertEquals(3, attempts.get());
        assertTrue(published.isDone());
    }

    @Test
    void aDeliveredPublishFreesItsSlotForTheNext() throws Exception {
        InflightWindow window = new InflightWindow(1, e -> e == REFUSED);
        AtomicReference<CompletableFuture<Void>> first = new AtomicReference<>();
        window.publish(first::set);

        first.get().complete(null);

        assertTimeoutPreemptively(BLOCKED_TOO_LONG, () -> window.publish(done -> { }));
    }

    @Test
    void aPublishTheLibraryThrowsOnFreesItsSlot() {
        InflightWindow window = new InflightWindow(1, e -> e == REFUSED);
        IOException broken = new IOException("connection lost");

        assertSame(broken, assertThrows(IOException.class, () -> window.publish(done -> {
            throw broken;
        })));
        assertTimeoutPreemptively(BLOCKED_TOO_LONG, () -> window.publish(done -> { }));
    }
}
