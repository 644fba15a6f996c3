package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What the client integration tests (and the broker interoperability suite) share: unique names, waiting on futures, and collecting callbacks. */
public final class ClientTesting {

    /** Generous for a loaded 2-core machine, short enough that a hang fails the test rather than the build. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private ClientTesting() {
    }

    /**
     * A client id unique to this run, at most 23 characters so that MQTT 3.1 accepts it too. Brokers are shared
     * between tests, so ids and topics must never repeat.
     */
    public static String clientId(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().replace("-", "");
        return id.substring(0, Math.min(23, id.length()));
    }

    /** A topic prefix no other test uses. */
    public static String topic(String name) {
        return "it/" + UUID.randomUUID() + "/" + name;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("future did not complete within " + WAIT, e);
        }
    }

    /** The MqttException a future failed with; fails the test if it succeeded or failed otherwise. */
    public static MqttException failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            Object value = future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("expected the future to fail, but it completed with " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MqttException mqtt) {
                return mqtt;
            }
            throw new AssertionError("expected an MqttException, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("future did not fail within " + WAIT, e);
        }
    }

    /** Collects what a callback receives, for awaiting and asserting. */
    public static final class Collector<T> implements Consumer<T> {
        private final List<T> items = new CopyOnWriteArrayList<>();

        @Override
        public void accept(T item) {
            items.add(item);
        }

        public List<T> items() {
            return List.copyOf(items);
        }

        public int size() {
            return items.size();
        }

        public List<T> matching(Predicate<? super T> predicate) {
            return items.stream().filter(predicate).toList();
        }

        /** Waits until {@code count} items arrived and returns them. */
        public List<T> awaitCount(int count) {
            await("" + count + " callbacks").atMost(WAIT).until(() -> items.size() >= count);
            return items();
        }

        /** Waits for the first item that matches. */
        public T awaitFirst(Predicate<? super T> predicate) {
            return await("a matching callback").atMost(WAIT).until(() -> items.stream().filter(predicate).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
        }
    }

    public static Predicate<MqttMessage> on(String topic) {
        return m -> topic.equals(m.destinationName());
    }
}
