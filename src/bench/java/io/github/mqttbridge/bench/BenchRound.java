package io.github.mqttbridge.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** One publisher and one subscriber of the same library, on a topic of their own, for one QoS. */
final class BenchRound {
    private static final long TIMEOUT_SECONDS = 180;
    /** Long enough for a stray duplicate to show up after the last expected message. */
    private static final long SETTLE_MILLIS = 100;

    private BenchRound() {
    }

    /** Makes the round's publisher and subscriber. */
    interface Clients {
        BenchClient create(String uri, String clientId) throws Exception;
    }

    static RoundResult run(Library library, String uri, int qos, int messages, int size, String roundId)
            throws Exception {
        return run(library::create, library.id(), uri, qos, messages, size, roundId);
    }

    /** A round of the clients {@code clients} makes; {@code name} says which they are in error messages. */
    static RoundResult run(Clients clients, String name, String uri, int qos, int messages, int size, String roundId)
            throws Exception {
        return run(clients, name, uri, qos, messages, size, roundId, qos == 0);
    }

    /**
     * A round that counts the messages a broker dropped instead of failing on them, at any QoS: for a broker known
     * to drop some (Mosquitto as installed, past its in-flight limit), where the loss is the figure.
     */
    static RoundResult runCountingLoss(Library library, String uri, int qos, int messages, int size, String roundId)
            throws Exception {
        return run(library::create, library.id(), uri, qos, messages, size, roundId, true);
    }

    private static RoundResult run(Clients clients, String name, String uri, int qos, int messages, int size,
                                   String roundId, boolean mayBeLost) throws Exception {
        String topic = "bench/" + roundId;
        Receiver receiver = new Receiver(messages);
        try (BenchClient subscriber = clients.create(uri, roundId + "-sub");
             BenchClient publisher = clients.create(uri, roundId + "-pub")) {
            subscriber.connect();
            subscriber.subscribe(topic, qos, receiver::accept);
            publisher.connect();

            AtomicInteger unpublished = new AtomicInteger(messages);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CompletableFuture<Long> allPublishedAt = new CompletableFuture<>();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                byte[] payload = new byte[size];
                ByteBuffer.wrap(payload).putInt(i);
                publisher.publishAsync(topic, payload, qos).whenComplete((ignored, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        allPublishedAt.completeExceptionally(error);
                    } else if (unpublished.decrementAndGet() == 0) {
                        allPublishedAt.complete(System.nanoTime());
                    }
                });
            }
            long published = await(allPublishedAt, "publishing", name, qos, receiver);
            long received = receiver.awaitLast(mayBeLost, name + " QoS " + qos + " receiving");
            // A fixed pause is the point here: a duplicate can only show up after the last expected message,
            // so there is no condition to wait for, only a window to watch.
            Thread.sleep(SETTLE_MILLIS);
            String problems = receiver.problems(mayBeLost);
            if (problems != null || failure.get() != null) {
                throw new IllegalStateException(name + " QoS " + qos + ": " + problems, failure.get());
            }
            return new RoundResult(messages, receiver, size, published - start, received - start);
        }
    }

    private static long await(CompletableFuture<Long> future, String what, String name, int qos,
                              Receiver receiver) throws Exception {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " QoS " + qos + ": " + what + " took more than "
                    + TIMEOUT_SECONDS + " s; " + receiver.problems(), e);
        }
    }
}
