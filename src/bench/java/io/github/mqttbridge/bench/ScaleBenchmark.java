package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the source connector's cost grows: with the number of distinct MQTT topics under one wildcard subscription
 * (it should stay flat) and with the number of messages (time should grow linearly).
 */
public final class ScaleBenchmark implements BenchSection {
    private static final int QOS = 1;
    /** Within this factor of the ideal, a growth counts as linear (messages) or flat (topics). */
    private static final double TOLERANCE = 0.8;
    /**
     * Records are keyed by MQTT topic, so one MQTT topic fills one partition, and Connect's producer sends one
     * request at a time: with the default 16 KiB batches one topic would measure Kafka's round trip, not our cost
     * per topic. Larger batches take that limit away for every run alike.
     */
    private static final int BATCH_BYTES = 256 * 1024;

    /** One run: messages over topics, its seconds per repetition and the live heap after it, less the baseline. */
    record Run(int topics, int messages, List<Double> seconds, List<Long> heapGrowth) {
        double medianSeconds() {
            return Spread.of(seconds).median();
        }

        double rate() {
            return messages / medianSeconds();
        }

        double medianHeapGrowth() {
            return Spread.of(heapGrowth.stream().map(b -> (double) b).toList()).median();
        }
    }

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        int most = options.size() == SuiteOptions.Size.QUICK ? 10_000 : 100_000;
        int[] topicCounts = {1, most / 100, most};
        int base = most / 4;
        int[] messageCounts = {base, 2 * base, 4 * base};
        int fixedTopics = most / 100;
        int reps = options.size() == SuiteOptions.Size.LARGE ? options.reps() : 1;
        String name = "bk-scale-" + ConnectorBench.uniqueId();
        bench.createTopic(name, 3);
        Map<String, String> config = bench.sourceConfig("bk/" + name + "/#", QOS, 1, name);
        config.put("producer.override.batch.size", Integer.toString(BATCH_BYTES));
        bench.startSource(name, config);
        Map<String, Run> runs = new LinkedHashMap<>();
        options.out().println("scale: | topics | messages | seconds | msg/s | live heap growth MiB |");
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            measure(bench, load, name, fixedTopics, base / 5, new ArrayList<>(), new ArrayList<>()); // warm-up
            for (int rep = 0; rep < reps; rep++) {
                // the largest count of the message series is also a run of the topic series: measured once
                Set<String> measured = new HashSet<>();
                for (int topics : topicCounts) {
                    run(bench, options, load, name, runs, measured, topics, most);
                }
                for (int messages : messageCounts) {
                    run(bench, options, load, name, runs, measured, fixedTopics, messages);
                }
            }
        } finally {
            bench.rest().deleteConnector(name);
        }
        List<Run> byTopics = new ArrayList<>();
        for (int topics : topicCounts) {
            byTopics.add(runs.get(key(topics, most)));
        }
        List<Run> byMessages = new ArrayList<>();
        for (int messages : messageCounts) {
            byMessages.add(runs.get(key(fixedTopics, messages)));
        }
        return markdown(options, reps, bench.loadNote(loadBefore, startNanos), byTopics, byMessages);
    }

    private static String key(int topics, int messages) {
        return topics + "/" + messages;
    }

    /** Measures one combination once more, unless {@code measured} says it was in this repetition. */
    private void run(ConnectorBench bench, SuiteOptions options, MqttLoad load, String name, Map<String, Run> runs,
            Set<String> measured, int topics, int messages) throws Exception {
        if (!measured.add(key(topics, messages))) {
            return;
        }
        Run run = runs.computeIfAbsent(key(topics, messages),
                k -> new Run(topics, messages, new ArrayList<>(), new ArrayList<>()));
        measure(bench, load, name, topics, messages, run.seconds(), run.heapGrowth());
        options.out().printf(Locale.ROOT, "| %,d | %,d | %.2f | %,.0f | %.1f |%n", topics, messages,
                run.seconds().get(run.seconds().size() - 1), messages / run.seconds().get(run.seconds().size() - 1),
                MemoryBenchmark.mib(run.heapGrowth().get(run.heapGrowth().size() - 1)));
    }

    /**
     * Publishes {@code messages} round-robin over {@code topics} MQTT topics and times them from the first publish
     * until Kafka confirmed the last record; the live heap is read after full collections before and after.
     */
    private static void measure(ConnectorBench bench, MqttLoad load, String name, int topics, int messages,
            List<Double> seconds, List<Long> heapGrowth) throws Exception {
        bench.jvm.collectGarbage();
        long heapBefore = bench.jvm.heapUsed();
        long before = bench.sourceCommitted(name, 1);
        long start = System.nanoTime();
        load.publish(i -> "bk/" + name + "/t" + (i % topics), 0, messages, QOS);
        long[] reached = new long[1];
        long end = ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, 1), before + messages,
                Duration.ofMinutes(5), reached);
        if (reached[0] < before + messages) {
            throw new IllegalStateException(name + ": only " + (reached[0] - before) + " of " + messages);
        }
        seconds.add((end - start) / 1e9);
        bench.jvm.collectGarbage();
        heapGrowth.add(bench.jvm.heapUsed() - heapBefore);
    }

    private String markdown(SuiteOptions options, int reps, String loadNote, List<Run> byTopics,
            List<Run> byMessages) throws Exception {
        StringBuilder md = new StringBuilder("## Scaling of the source connector (topics and messages)\n\n");
        md.append(ConnectorBench.SETUP).append(String.format(Locale.ROOT, " One source task subscribed to one "
                + "wildcard filter (`bk/<connector>/#`) at QoS %d writes to one Kafka topic of 3 partitions, keyed by "
                + "MQTT topic; its producer's `batch.size` is raised to %d KiB (`producer.override.batch.size`), as "
                + "Connect sends one produce request at a time and all the records of one MQTT topic go to one "
                + "partition: with the default 16 KiB batches the single-topic run would measure Kafka's round trip "
                + "rather than the connector. Each run publishes its "
                + "messages round-robin over its number of distinct MQTT topics as fast as the publisher can, timed "
                + "from the first publish until Kafka confirmed the last record to the task. The live heap of the "
                + "worker is read after a forced full collection before and after each run; the difference is "
                + "what the run left behind (for example state kept per topic). %s after a warm-up run.%n%n",
                QOS, BATCH_BYTES / 1024, reps == 1 ? "One run of each combination (the time budget allows no repetitions; larger "
                        + "sizes repeat them)" : reps + " repetitions, median,"));
        md.append(loadNote);
        md.append("### Distinct topics\n\n").append(table(byTopics));
        Run first = byTopics.get(0);
        Run last = byTopics.get(byTopics.size() - 1);
        double slowest = byTopics.stream().mapToDouble(Run::rate).min().orElseThrow();
        double fastest = byTopics.stream().mapToDouble(Run::rate).max().orElseThrow();
        double bytesPerTopic = (last.medianHeapGrowth() - first.medianHeapGrowth()) / (last.topics() - first.topics());
        md.append(String.format(Locale.ROOT, "Throughput with %,d topics is %.2f of that with %,d topic%s; the "
                        + "slowest of the %d runs reached %.2f of the fastest: %s. The live heap left after the run "
                        + "differs by %.1f MiB between %,d topics and %,d (%.0f bytes per added topic).%n%n",
                last.topics(), last.rate() / first.rate(), first.topics(), first.topics() == 1 ? "" : "s",
                byTopics.size(), slowest / fastest, slowest / fastest >= TOLERANCE ? "flat within "
                        + pct(1 - TOLERANCE) : "**not flat** (more than " + pct(1 - TOLERANCE) + " apart)",
                MemoryBenchmark.mib((long) (last.medianHeapGrowth() - first.medianHeapGrowth())), first.topics(),
                last.topics(), bytesPerTopic));
        Map<String, List<double[]>> rates = Map.of("records/s", byTopics.stream()
                .map(r -> new double[] {r.topics(), r.rate()}).toList());
        Path topicsChart = Charts.lines(options.chartDir().resolve(id() + "-topics.png"),
                "Source throughput by number of distinct MQTT topics", "distinct MQTT topics", "records/s", true,
                rates);
        md.append(options.chartLink("Throughput by number of topics", topicsChart)).append("\n\n");

        md.append("### Messages\n\n").append(table(byMessages));
        md.append(linearity(byMessages));
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        times.put("measured", byMessages.stream().map(r -> new double[] {r.messages(), r.medianSeconds()}).toList());
        Run smallest = byMessages.get(0);
        times.put("linear from the smallest run", byMessages.stream().map(r -> new double[] {r.messages(),
                smallest.medianSeconds() * r.messages() / smallest.messages()}).toList());
        Path messagesChart = Charts.lines(options.chartDir().resolve(id() + "-messages.png"),
                "Source time by number of messages (" + String.format(Locale.ROOT, "%,d", smallest.topics())
                        + " topics)", "messages", "seconds", false, times);
        md.append(options.chartLink("Time by number of messages", messagesChart)).append("\n\n");
        return md.toString();
    }

    private static String table(List<Run> runs) {
        StringBuilder sb = new StringBuilder("| Topics | Messages | Seconds | Records/s | µs per message | Live heap "
                + "left MiB |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "| %,d | %,d | %.2f | %,.0f | %.1f | %.1f |%n", r.topics(),
                    r.messages(), r.medianSeconds(), r.rate(), r.medianSeconds() * 1e6 / r.messages(),
                    MemoryBenchmark.mib((long) r.medianHeapGrowth())));
        }
        return sb.append('\n').toString();
    }

    /** A least-squares line through (messages, seconds) and how far the largest run is from the smallest's pace. */
    private static String linearity(List<Run> runs) {
        double n = runs.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Run r : runs) {
            sx += r.messages();
            sy += r.medianSeconds();
            sxx += (double) r.messages() * r.messages();
            sxy += r.messages() * r.medianSeconds();
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        Run small = runs.get(0);
        Run large = runs.get(runs.size() - 1);
        double growth = large.medianSeconds() / small.medianSeconds();
        double ideal = (double) large.messages() / small.messages();
        double pace = ideal / growth;
        boolean linear = pace >= TOLERANCE && pace <= 1 / TOLERANCE;
        return String.format(Locale.ROOT, "Least-squares fit: time = %.2f s + %.1f µs × messages. %.0f× the "
                        + "messages took %.2f× the time (linear: %.0f×), so the cost per message at the largest "
                        + "count is %.2f of that at the smallest: %s.%n%n", intercept, slope * 1e6, ideal, growth,
                ideal, 1 / pace, linear ? "linear within " + pct(1 - TOLERANCE) : "**not linear** (off by more "
                        + "than " + pct(1 - TOLERANCE) + ")");
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
