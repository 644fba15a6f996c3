package io.github.mqttbridge.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Traffic at a steady pace in the background: chunk {@code i} of {@code chunks} is sent at about
 * {@code i * period}, so that a failure injected "mid-stream" finds messages before, during and after it rather
 * than a burst that is already over. A chunk that takes longer than the period delays the next; chunks never
 * overlap. The first failing chunk ends the stream and fails {@link #await}.
 */
public final class SteadyStream implements AutoCloseable {

    /** Sends chunk {@code index}; returns once it is handed over (published, produced). */
    @FunctionalInterface
    public interface Chunk {
        void send(int index) throws Exception;
    }

    private final ScheduledExecutorService executor;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger sent = new AtomicInteger();
    /** The first chunk's failure, kept apart from {@link #done}, which {@link #finish} may complete before it. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Chunk index the stream waits at until {@link #release()}; beyond the last chunk for a stream that never waits. */
    private final int holdAt;
    private volatile boolean released;

    private SteadyStream(String name, int chunks, Duration period, int holdAt, Chunk chunk) {
        this.holdAt = holdAt;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> {
            int index = sent.get();
            if (index >= chunks || done.isDone() || (index == holdAt && !released)) {
                return;
            }
            try {
                chunk.send(index);
                if (sent.incrementAndGet() == chunks) {
                    done.complete(null);
                }
            } catch (Exception | Error e) {
                failure.compareAndSet(null, e);
                done.completeExceptionally(e);
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        done.whenComplete((ok, error) -> executor.shutdown());
    }

    public static SteadyStream start(String name, int chunks, Duration period, Chunk chunk) {
        return new SteadyStream(name, chunks, period, Integer.MAX_VALUE, chunk);
    }

    /**
     * A stream that sends chunks before {@code holdAt} and then waits until {@link #release()}: a test that must
     * disrupt something while chunks still flow can then not be overtaken by the stream's end, however slow the
     * machine.
     */
    public static SteadyStream startHeldAt(String name, int chunks, Duration period, int holdAt, Chunk chunk) {
        return new SteadyStream(name, chunks, period, holdAt, chunk);
    }

    /** Lets a stream started with {@link #startHeldAt} go on past its hold. */
    public void release() {
        released = true;
    }

    /** How many chunks were sent completely so far. */
    public int chunksSent() {
        return sent.get();
    }

    /** Waits until every chunk is sent; rethrows what made a chunk fail. */
    public void await(Duration timeout) throws Exception {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stream failed after " + chunksSent() + " chunks", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the stream sent only " + chunksSent() + " chunks in " + timeout, e);
        }
    }

    /**
     * Ends a stream started with more chunks than it needs: no chunk starts after this, the one in progress is
     * completed, and the number of chunks sent is returned; rethrows what made a chunk fail.
     */
    public int finish(Duration timeout) throws Exception {
        done.complete(null);
        if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("a chunk did not end within " + timeout);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the stream failed after " + chunksSent() + " chunks", failure.get());
        }
        return chunksSent();
    }

    /** Stops sending, if still running, and waits for a chunk in progress to end. */
    @Override
    public void close() throws InterruptedException {
        done.cancel(false);
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
