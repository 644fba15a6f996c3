package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * What more tasks give on one worker, so that a user can size {@code tasks.max}: the source with 1, 2 and 4 tasks on
 * one shared subscription and the sink with 1, 2, 4 and 8 tasks on a topic of as many partitions, in
 * {@link SteadyRound}s at QoS 1, with the rate against one task's, what a record cost the worker and how the cores
 * were shared. About 10 minutes at standard size: 21 rounds of some 28 s (warm-up, window, drain) and 7 connectors
 * started. Run alone with {@code bench/run --only=tasks}.
 */
public final class TasksBenchmark implements BenchSection {
    /**
     * QoS 1 only: the at-least-once delivery a deployment sizes its tasks for, and a second QoS would double a
     * chapter that is already at its time budget.
     */
    private static final int QOS = 1;
    private static final int[] SOURCE_TASKS = {1, 2, 4};
    private static final int[] SINK_TASKS = {1, 2, 4, 8};
    /**
     * Shorter than the other chapters' 30 s: 21 rounds of those would take some 13 minutes; at the rates measured
     * here a window of 20 s still counts a few hundred thousand records.
     */
    private static final Duration WINDOW = Duration.ofSeconds(20);

    /** The state of the run under way, fresh in each {@link #run}. */
    private SteadyResults results;
    private SteadyRound round;

    @Override
    public String id() {
        return "tasks";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        results = new SteadyResults();
        round = SteadyRound.of(bench, options, WINDOW);
        options.out().println("tasks: QoS " + QOS + ", " + round.describe() + " a round, " + options.reps()
                + " repetitions");
        options.out().println("| round | rec/s | worker CPU µs/rec | worker cores | idle cores |");
        List<String> source = runSource(bench, options);
        List<String> sink = runSink(bench, options);
        return markdown(options, source, sink) + bench.loadNote(loadBefore, startNanos);
    }

    private List<String> runSource(ConnectorBench bench, SuiteOptions options) throws Exception {
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            return measure(bench, options, SOURCE_TASKS, tasks -> "source, " + tasks(tasks),
                    tasks -> SourceThroughput.startConnector(bench, QOS, tasks),
                    (name, tasks) -> SourceThroughput.connectorRound(round, bench, load, name, tasks, QOS));
        }
    }

    /** The sink's topic has as many partitions as it has tasks. */
    private List<String> runSink(ConnectorBench bench, SuiteOptions options) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = SinkBenchmark.feedProducer(bench)) {
            return measure(bench, options, SINK_TASKS,
                    tasks -> "sink, " + tasks(tasks) + ", " + tasks + (tasks == 1 ? " partition" : " partitions"),
                    tasks -> SinkBenchmark.startConnector(bench, QOS, tasks, tasks),
                    (name, tasks) -> SinkBenchmark.connectorRound(round, bench, producer, name, tasks, tasks, QOS));
        }
    }

    /**
     * Starts a connector for each of {@code taskCounts} at once, so that the repetitions can take them in turn, and
     * deletes them after the last; returns the kinds of round, as {@code kindOf} names them, in that order.
     */
    private List<String> measure(ConnectorBench bench, SuiteOptions options, int[] taskCounts,
            IntFunction<String> kindOf, Starter start, Measurer rounds) throws Exception {
        List<String> names = new ArrayList<>();
        try {
            for (int tasks : taskCounts) {
                names.add(start.connector(tasks));
            }
            for (int rep = 0; rep < options.reps(); rep++) {
                for (int i = 0; i < taskCounts.length; i++) {
                    record(options, kindOf.apply(taskCounts[i]), rounds.round(names.get(i), taskCounts[i]));
                }
            }
        } finally {
            names.forEach(bench.rest()::deleteConnector);
        }
        return Arrays.stream(taskCounts).mapToObj(kindOf).toList();
    }

    /** Starts a connector with {@code tasks} tasks and returns its name. */
    private interface Starter {
        String connector(int tasks) throws Exception;
    }

    /** Measures one round of the connector {@code name}. */
    private interface Measurer {
        SteadyResult round(String name, int tasks) throws Exception;
    }

    private static String tasks(int tasks) {
        return tasks + (tasks == 1 ? " task" : " tasks");
    }

    private void record(SuiteOptions options, String kind, SteadyResult result) {
        results.add(QOS, kind, result);
        options.out().printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.2f | %.2f |%n", kind, result.rate(),
                result.worker().cpuMicrosPer(result.records()), result.split().worker(), result.split().idle());
    }

    private String markdown(SuiteOptions options, List<String> source, List<String> sink) throws Exception {
        List<String> all = new ArrayList<>(source);
        all.addAll(sink);
        return "## Sizing tasks.max\n\n" + method(options, all)
                + "### Source\n\n" + results.scalingTable(QOS, source)
                + "### Sink\n\n" + results.scalingTable(QOS, sink)
                + "Rates over the windows as median (min–max) of the repetitions; ratios as median (min–max) of the "
                + "per-repetition ratios to the one-task round of the same repetition. Most records a second (median): "
                + fastest(source) + "; " + fastest(sink) + ".\n\n"
                + chart(options, source, sink)
                + "### How the cores were shared\n\n" + results.splitTable()
                + reading();
    }

    private String method(SuiteOptions options, List<String> kinds) {
        return ConnectorBench.SETUP + " Messages of " + MqttLoad.SIZE + " bytes at QoS " + QOS + " (at least "
                + "once, what a deployment that must not lose messages sizes for; QoS 0 would double the chapter's "
                + "time), on the one worker:\n\n"
                + "- **source**: `tasks.max` 1, 2 and 4. One task subscribes to `bk/<connector>/+`; more tasks "
                + "share the subscription `$share/<connector>/bk/<connector>/+`, which Mosquitto balances between "
                + "them (without it each task would get every message). One publisher (our client, in the "
                + "benchmark's JVM) sends over " + SourceThroughput.MQTT_TOPICS + " MQTT topics; the count is the "
                + "records Kafka confirmed to the tasks (the sum of their `RecordsCommitted`).\n"
                + "- **sink**: `tasks.max` 1, 2, 4 and 8, each reading a Kafka topic with as many partitions as tasks"
                + " (so each task has one) and publishing each partition's records to an MQTT topic of its own, no "
                + "subscriber on them. A Kafka producer in the benchmark's JVM fills the partitions in turn; the "
                + "count is the publishes Mosquitto acknowledged to the tasks (the sum of their "
                + "`RecordsAcknowledged`). Each sink starts measuring once its consumer group is stable with every "
                + "partition assigned.\n\n"
                + "Every connector of a direction runs throughout its rounds (those not measured are idle); the "
                + "feed keeps " + String.format(Locale.ROOT, "%,d", SteadyRound.BACKLOG) + " messages ahead of the "
                + "count, so the tasks always have work: the smallest backlog during a window was "
                + String.format(Locale.ROOT, "%,d", results.minBacklog(kinds)) + ". " + round.method()
                + "The windows are shorter than the other chapters' so that this one fits its time budget; the "
                + "fewest records any window counted: " + String.format(Locale.ROOT, "%,d", results.minRecords(kinds))
                + ". " + options.reps() + " repetitions, each running the rounds of a direction in turn, so that a "
                + "change in the load of this shared machine hits them alike.\n\n";
    }

    /** The kind of {@code kinds} with the highest median rate. */
    private String fastest(List<String> kinds) {
        return kinds.stream().max(Comparator.comparingDouble(kind -> SourceBenchmark.median(results.rates(QOS, kind))))
                .orElseThrow();
    }

    /** The median speed-up over one task against {@code tasks.max}, beside the linear one. */
    private String chart(SuiteOptions options, List<String> source, List<String> sink) throws Exception {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("source", speedUps(source, SOURCE_TASKS));
        series.put("sink", speedUps(sink, SINK_TASKS));
        series.put("linear", List.of(new double[] {1, 1}, new double[] {SINK_TASKS[SINK_TASKS.length - 1],
                SINK_TASKS[SINK_TASKS.length - 1]}));
        Path file = Charts.lines(options.chartDir().resolve(id() + "-speedup.png"),
                "Rate against one task's, by tasks.max (QoS " + QOS + ", one worker, 2 cores shared)", "tasks.max",
                "rate ÷ one task's (median)", false, series);
        return options.chartLink("Speed-up by tasks.max", file) + "\n\n";
    }

    private List<double[]> speedUps(List<String> kinds, int[] tasks) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            points.add(new double[] {tasks[i], SourceBenchmark.median(SourceBenchmark.ratios(
                    results.rates(QOS, kinds.get(i)), results.rates(QOS, kinds.get(0))))});
        }
        return points;
    }

    private static String reading() {
        return "### Reading it to size tasks.max\n\n"
                + "- **Rec/s** is what one worker sustained with that `tasks.max`; the **ratio** is how many times "
                + "one task's rate that was (N for N tasks would be linear). Add tasks while the ratio still grows.\n"
                + "- **Worker CPU µs/rec** is every thread of the worker's JVM (GC and JIT included) per record: the "
                + "rate you need × that ÷ 1,000,000 is the cores the worker will use for it, which tells how many "
                + "cores to give a worker, or how many workers to run, for a target rate.\n"
                + "- **The cores table** says whether a row was limited by the machine (less than 10 % idle) or by "
                + "Mosquitto's single thread rather than by the connector. On this 2-core machine Mosquitto, Kafka "
                + "(with the publisher or producer that feeds the round) and the worker share the two cores, so "
                + "beyond the first limited row more tasks only compete for the same cores: such a ratio is this "
                + "machine's ceiling, and on a worker with cores of its own (and a broker and Kafka elsewhere) more "
                + "tasks go further. A row with idle cores and a flat ratio is the connector's, or the broker's, "
                + "own limit.\n\n";
    }
}
