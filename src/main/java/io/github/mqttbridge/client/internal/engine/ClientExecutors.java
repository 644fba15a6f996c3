package io.github.mqttbridge.client.internal.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads a client owns besides those of its connection, all ended by {@link #shutdown()}: a timer that
 * also runs connection attempts, the dispatcher of the application's callbacks, and a thread that completes the
 * futures handed to the application. Futures are completed apart from callbacks so that a callback may wait on
 * one (as in subscribing from {@code onConnected}) without waiting on itself.
 */
final class ClientExecutors {
    final ScheduledThreadPoolExecutor timer;
    final CallbackDispatcher callbacks;
    final ExecutorService completions;
    private final String prefix;

    ClientExecutors(String clientId, EngineOptions options) {
        prefix = "mqtt-" + clientId;
        timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, prefix + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        callbacks = new CallbackDispatcher(prefix + "-callbacks", options.flow().maxInboundMessages(),
                options.flow().maxInboundBytes());
        completions = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, prefix + "-completions"));
    }

    /** Completes an application's future: never on our I/O threads, and never under the engine's lock. */
    void settle(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closing) {
            // close() has ended the completion thread; its caller is the one left to run it.
            completion.run();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Lets queued callbacks and completions run, then ends every thread, waiting up to a few seconds; a close()
     * called from one of these threads (a callback, a future's continuation) does not wait for itself.
     */
    void shutdown() {
        timer.shutdownNow();
        callbacks.shutdown(5, TimeUnit.SECONDS);
        completions.shutdown();
        if (Thread.currentThread().getName().startsWith(prefix + "-")) {
            return;
        }
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            completions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
