package io.github.mqttbridge.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How the machine's cores were used over a window, in cores (CPU seconds a second): by the Connect worker's JVM,
 * the broker's process, the benchmark's JVM (Kafka, the publisher, the raw client, the producer) and every other
 * process of the machine (its busy time minus those three); the rest was idle.
 */
record CpuSplit(int cores, double worker, double broker, double benchmark, double others) {
    /** Below this share of idle cores, a window's rate was bounded by the machine as a whole. */
    static final double IDLE_LIMIT = 0.1;

    /** From this share of one core on, Mosquitto's single thread was the bottleneck. */
    static final double BROKER_LIMIT = 0.9;

    double idle() {
        return Math.max(0, cores - worker - broker - benchmark - others);
    }

    /** What bounded the window's rate, as far as CPU shows it: the machine, the broker's thread, or empty. */
    String limit() {
        if (idle() < IDLE_LIMIT * cores) {
            return "machine";
        }
        return broker >= BROKER_LIMIT ? "Mosquitto's thread" : "";
    }

    /** Each share the median of the windows' shares. */
    static CpuSplit median(List<CpuSplit> splits) {
        return new CpuSplit(splits.get(0).cores(), median(splits, CpuSplit::worker), median(splits, CpuSplit::broker),
                median(splits, CpuSplit::benchmark), median(splits, CpuSplit::others));
    }

    private static double median(List<CpuSplit> splits, ToDoubleFunction<CpuSplit> share) {
        return Spread.of(splits.stream().map(share::applyAsDouble).toList()).median();
    }

    /** The Markdown cells: worker, broker, benchmark JVM, others, idle, and the limit if CPU shows one. */
    String cells() {
        return String.format(Locale.ROOT, "%.2f | %.2f | %.2f | %.2f | %.2f | %s", worker, broker, benchmark, others,
                idle(), limit().isEmpty() ? "–" : "**" + limit() + "**");
    }
}
