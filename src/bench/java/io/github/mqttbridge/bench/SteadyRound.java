package io.github.mqttbridge.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A round measured in steady state: a {@link Feed} keeps {@link #BACKLOG} messages ahead of the measured side for a
 * warm-up (start-up, JIT compilation, the first fetch) and then a window, sampled at its start and end
 * ({@link CostSample}), so that the rate and the costs are those of the sustained flow alone; then the feed stops
 * and the round waits for the rest, so that nothing is lost at QoS 1 and 2 and the next round starts from quiet.
 */
final class SteadyRound {
    /**
     * Messages the feed keeps ahead of the measured side: far more than it takes in one {@link ConnectorBench#POLL}
     * at any rate measured here, so it never waits for the feed, and few enough to drain in a second or two.
     */
    static final int BACKLOG = 20_000;
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Duration QOS0_QUIET = Duration.ofSeconds(3);
    /**
     * How often the feed looks at the measured side's count: each look is a JMX call that costs the worker CPU
     * (at 5 ms, about 1 µs a record at these rates), and the backlog covers far more than this at any rate here.
     */
    private static final Duration FEED_POLL = Duration.ofMillis(25);

    private final ConnectorBench bench;
    private final Duration warmUp;
    private final Duration window;

    private SteadyRound(ConnectorBench bench, Duration warmUp, Duration window) {
        this.bench = bench;
        this.warmUp = warmUp;
        this.window = window;
    }

    /** Windows of 30 s after 5 s of warm-up; 60 s with {@code --large}; 3 s after 1 s with {@code --quick}. */
    static SteadyRound of(ConnectorBench bench, SuiteOptions options) {
        return of(bench, options, Duration.ofSeconds(30));
    }

    /**
     * Windows of {@code standardWindow} after 5 s of warm-up, twice that with {@code --large}, 3 s after 1 s with
     * {@code --quick}: for a chapter with so many rows that 30 s windows would not fit its time budget.
     */
    static SteadyRound of(ConnectorBench bench, SuiteOptions options, Duration standardWindow) {
        return switch (options.size()) {
            case QUICK -> new SteadyRound(bench, Duration.ofSeconds(1), Duration.ofSeconds(3));
            case STANDARD -> new SteadyRound(bench, Duration.ofSeconds(5), standardWindow);
            case LARGE -> new SteadyRound(bench, Duration.ofSeconds(5), standardWindow.multipliedBy(2));
        };
    }

    /** The rounds' length, for progress lines. */
    String describe() {
        return String.format(Locale.ROOT, "a warm-up of %d s, then a measured window of %d s", warmUp.toSeconds(),
                window.toSeconds());
    }

    /** How a round measures, for a chapter's method text. */
    String method() {
        return "Each round runs " + describe() + ": the rate is the count's growth over the window divided by its "
                + "length, so start-up, JIT compilation and the first fetch stay out of it; the feed then stops and "
                + "the round waits for every message (at QoS 1 and 2 one missing fails the run). ";
    }

    /**
     * Runs {@code feed} until the window has passed and every message it fed arrived ({@code drained} counts
     * them, from any base); {@code clientThreads} names the raw client's threads in this JVM, empty when a
     * connector is measured.
     */
    SteadyResult run(Feed feed, ConnectorBench.Counter drained, int qos, List<String> clientThreads)
            throws Exception {
        long base = drained.get();
        ConnectorBench.Counter done = () -> drained.get() - base;
        CostSample start;
        CostSample end;
        long minBacklog;
        try (feed) {
            long flowStart = System.nanoTime();
            start = sampleAt(flowStart + warmUp.toNanos(), feed, done, clientThreads, new long[] {Long.MAX_VALUE});
            long[] backlog = {Long.MAX_VALUE};
            end = sampleAt(flowStart + warmUp.toNanos() + window.toNanos(), feed, done, clientThreads, backlog);
            minBacklog = backlog[0];
        }
        long fed = feed.fed();
        long[] reached = new long[1];
        ConnectorBench.awaitCount(done, fed, qos == 0 ? QOS0_QUIET : Duration.ofMinutes(5), reached);
        if (qos > 0 && reached[0] != fed) {
            throw new IllegalStateException("QoS " + qos + ": " + reached[0] + " of " + fed + " messages arrived");
        }
        return end.since(start, fed - reached[0], minBacklog);
    }

    /**
     * Keeps the feed {@link #BACKLOG} ahead of {@code done} until {@code at} (a {@link System#nanoTime()}), then
     * samples; {@code minBacklog} gets the smallest backlog seen on the way.
     */
    private CostSample sampleAt(long at, Feed feed, ConnectorBench.Counter done, List<String> clientThreads,
            long[] minBacklog) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long count = done.get();
            long now = System.nanoTime();
            if (now >= at) {
                return CostSample.take(bench, count, clientThreads);
            }
            // what the measured side had waiting before this top-up: above zero, it never ran dry
            minBacklog[0] = Math.min(minBacklog[0], feed.fed() - count);
            feed.allow(count + BACKLOG);
            if (count != last) {
                last = count;
                lastChange = now;
            } else if (now - lastChange > STALL.toNanos()) {
                throw new IllegalStateException("the flow stopped at " + count + " of " + feed.fed() + " messages");
            }
            LockSupport.parkNanos(FEED_POLL.toNanos());
        }
    }
}
