package io.github.mqttbridge.bench;

import io.github.mqttbridge.testing.Machine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark suite behind {@code bench/run}: runs the selected sections in order, prints their rows as they are
 * measured, and rewrites docs/benchmarks.md with the machine, the command and each section's chapter (see
 * {@link ReportFile} for what a partial run keeps). A main, not a test, so that {@code mvn verify} never runs it.
 */
public final class BenchSuite {
    static final String COMMAND = "bench/run";

    /** The chapters of docs/benchmarks.md, in order; a new section is one more entry. */
    private static final List<BenchSection> SECTIONS = List.of(
            new ClientSection(),
            new WindowSection(),
            new CodecSection(),
            new SourceBenchmark(),
            new SinkBenchmark(),
            new MemoryBenchmark(),
            new ScaleBenchmark(),
            new TasksBenchmark(),
            new MultiWorkerBenchmark());

    /** How to run the suite and what each chapter measures: the part of the header that no run changes. */
    private static final String GUIDE = """
            It needs `mosquitto`, `mosquitto_pub` and `mosquitto_sub` installed, prints every figure as it is measured,\
             and rewrites this file and its charts (PNG files in [bench](bench), drawn by the suite). Every figure is\
             the median (min–max) of its repetitions. A client round in which the subscriber does not get exactly the\
             messages sent (none twice, none lost at QoS 1 and 2) fails the run.

            | Option | |
            |---|---|
            | (none) | standard sizes, 3 repetitions; each chapter says how long it took |
            | `--quick` | a smoke run of a few minutes: a tenth of the messages (steady connector windows of 3 s\
             instead of 30 s), 1 repetition; figures too small to trust |
            | `--large` | five times the messages (steady connector windows of 60 s), 5 repetitions |
            | `--only=client,codec` | run these sections; the chapters of the others are kept as they are |
            | `--reps=N` | measured repetitions of each figure |
            | `--out=FILE` | write another report instead of this one (its charts go to `bench/` next to it) |

            `bench/run` is `mvn -q -Pbench test-compile exec:exec -Dbench.args="..."` with the main class\
             `io.github.mqttbridge.bench.BenchSuite`, in its own source set (`src/bench/java`) that only the `bench`\
             profile compiles: `mvn verify` neither compiles nor runs it. Each chapter sits\
             between `<!-- section:ID -->` markers and says when and how it was measured; a section is a\
             `BenchSection` and one line in `BenchSuite.SECTIONS`.

            To see where the worker's CPU goes in one connector's steady flow, without writing the report, run two\
             30 s rounds of the source or the sink (one task) at a QoS and print the per-thread table of the\
             chapters: `mvn -q -Pbench test-compile exec:exec -Dbench.main=io.github.mqttbridge.bench.CpuProbe\
             -Dbench.args="sink 1 30"`.

            ## Chapters

            - [MQTT clients](#mqtt-clients) (`client`): our client, Eclipse Paho 1.2.5 and the HiveMQ MQTT client\
             1.4.2 side by side against one Mosquitto process and one HiveMQ CE (in a child JVM), at QoS 0, 1 and 2\
             with 64 B, 1 KiB and 64 KiB payloads, each at its defaults and with its best in-flight window, with\
             `mosquitto_pub`/`mosquitto_sub` as the brokers' ceiling: msg/s, MB/s, ours ÷ theirs, charts of\
             throughput against payload size, the targets (met or not, computed) and a JFR profile of the worst misses.
            - [QoS 2 in-flight window](#qos-2-in-flight-window) (`window`): what the client's QoS 2 window of 20\
             (the default, for stock Mosquitto's sake) costs against 100, 1,000 and 65,535, in long rounds.
            - [Codec](#codec) (`codec`): JMH (in a forked JVM) encode and decode of PUBLISH (64 B, 1 KiB, 64 KiB) and\
             PUBACK/PUBREC/PUBREL/PUBCOMP, nanoseconds and bytes allocated per operation.
            - [Source connector](#source-connector-mqtt-to-kafka) (`source`),\
             [sink connector](#sink-connector-kafka-to-mqtt) (`sink`),\
             [memory](#memory-of-the-source-worker-under-a-burst) (`memory`) and\
             [scaling](#scaling-of-the-source-connector-topics-and-messages) (`scale`): the connectors on a real Kafka,\
             a Connect worker in a JVM of its own and Mosquitto. Source throughput at QoS 0, 1 and 2 with one and two\
             tasks (shared subscription) and sink throughput at QoS 0, 1 and 2, each measured over a steady window\
             after a warm-up, with the worker's CPU time and allocated bytes per record beside our raw client's and\
             how the two cores were shared (worker, Mosquitto, the benchmark's JVM, other processes); the source's\
             end-to-end latency percentiles at 5,000 msg/s, its payload formats\
             (`bytes`, `json` + `infer`, `sparkplug-b`: records/s and worker CPU per record) and what exactly once\
             costs at QoS 2 (KIP-618, transactions per poll and per second, against at least once: records/s, worker\
             CPU per record, latency to a read_committed consumer); throughput as a ratio to our raw client in the same\
             run. The worker's heap and RSS while a burst\
             arrives faster than a quota-throttled Kafka takes it. Throughput and memory with 1, 1,000 and 100,000\
             topics and with growing message counts. JFR profiles where a target is missed.
            - [Sizing tasks.max](#sizing-tasksmax) (`tasks`): on one worker at QoS 1, the source with 1, 2 and 4\
             tasks on a shared subscription and the sink with 1, 2, 4 and 8 tasks on as many partitions, in steady\
             windows: records a second against one task's, worker CPU and allocated bytes per record, and how the\
             two cores were shared, to size `tasks.max` from.
            - [Multiple workers](#connectors-on-1-2-and-3-connect-workers) (`multiworker`): source and sink throughput\
             with one, two and three Connect workers (separate JVMs, one group).
            """;

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(List.of(args).contains("--help") ? 0 : 2);
            return;
        }
        List<String> unknown = options.only().stream()
                .filter(id -> SECTIONS.stream().noneMatch(s -> s.id().equals(id))).toList();
        if (!unknown.isEmpty()) {
            System.err.println("unknown section(s) " + unknown + "; sections: "
                    + SECTIONS.stream().map(BenchSection::id).toList());
            System.exit(2);
            return;
        }
        String command = COMMAND + (options.args().isEmpty() ? "" : " " + options.args());
        Path report = options.report().toAbsolutePath();
        SuiteOptions suite = new SuiteOptions(options.size(), options.reps(),
                report.getParent().resolve("bench"), report.getParent(), System.out);
        String machine = Machine.describe();
        System.out.println(machine);

        long suiteStart = System.nanoTime();
        Map<String, String> fresh = new LinkedHashMap<>();
        try {
            runSections(options, suite, command, fresh);
        } finally {
            // the connector sections share one Kafka, Connect worker and Mosquitto, started by the first of them
            ConnectorBench.closeShared();
        }
        Duration total = Duration.ofNanos(System.nanoTime() - suiteStart);
        ReportFile.write(report, header(command, machine, total), SECTIONS.stream().map(BenchSection::id).toList(),
                fresh);
        System.out.printf(Locale.ROOT, "%nsuite took %d min %02d s; wrote %s%n", total.toMinutes(),
                total.toSecondsPart(), report);
        // Kafka's client and broker threads that are not daemons would keep the JVM alive
        System.exit(0);
    }

    private static void runSections(BenchOptions options, SuiteOptions suite, String command,
            Map<String, String> fresh) throws Exception {
        for (BenchSection section : SECTIONS) {
            if (!options.selects(section.id())) {
                continue;
            }
            System.out.println("== " + section.id());
            double loadBefore = Machine.loadAverage();
            long start = System.nanoTime();
            String chapter = section.run(suite);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            fresh.put(section.id(), chapter.strip() + "\n\n" + String.format(Locale.ROOT,
                    "_Measured on %s by `%s` (%s size, %d repetitions) in %d min %02d s; load average (1 min) %.2f"
                            + " before, %.2f after._%n", now(), command, options.size().name().toLowerCase(Locale.ROOT),
                    options.reps(), took.toMinutes(), took.toSecondsPart(), loadBefore, Machine.loadAverage()));
            System.out.printf(Locale.ROOT, "== %s took %d min %02d s%n", section.id(), took.toMinutes(),
                    took.toSecondsPart());
        }
    }

    private static String header(String command, String machine, Duration total) {
        return "# Benchmarks\n\n"
                + "Generated by `io.github.mqttbridge.bench.BenchSuite`; do not edit by hand. Run the whole suite"
                + " again with\n\n```\n" + COMMAND + "\n```\n\n"
                + GUIDE + "\n"
                + "## Machine of the last run\n\n"
                + "`" + command + "` on " + now() + String.format(Locale.ROOT, ", %d min %02d s:%n%n",
                        total.toMinutes(), total.toSecondsPart())
                + machine + "\n"
                + "The figures come from a machine that other builds and tests may share while the suite runs"
                + " (see each chapter's load average), so they are noisy: compare figures of one run with"
                + " each other rather than with other machines.\n";
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }
}
