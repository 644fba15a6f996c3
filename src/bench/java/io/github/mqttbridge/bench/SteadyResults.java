package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The steady rounds of a connector chapter by QoS and by what they measured (the raw client, a connector with one
 * task, ...), and the tables of what they cost: per record, and how the machine's cores were shared.
 */
final class SteadyResults {
    private final Map<Integer, Map<String, List<SteadyResult>>> byQos = new TreeMap<>();

    void add(int qos, String kind, SteadyResult result) {
        byQos.computeIfAbsent(qos, q -> new LinkedHashMap<>()).computeIfAbsent(kind, k -> new ArrayList<>())
                .add(result);
    }

    Set<Integer> qosLevels() {
        return byQos.keySet();
    }

    /** Records a second of each repetition. */
    List<Double> rates(int qos, String kind) {
        return values(qos, kind, SteadyResult::rate);
    }

    private long lost(int qos, String kind) {
        return rounds(qos, kind).stream().mapToLong(SteadyResult::lost).sum();
    }

    /**
     * The smallest backlog the rounds of {@code kinds} had waiting during a window: above zero, none ran dry. Only
     * for rounds fed by someone else: a raw publisher feeds itself, so its backlog says nothing.
     */
    long minBacklog(List<String> kinds) {
        return rounds(kinds).mapToLong(SteadyResult::minBacklog).min().orElseThrow();
    }

    /** The fewest records any round of {@code kinds} counted in its window. */
    long minRecords(List<String> kinds) {
        return rounds(kinds).mapToLong(SteadyResult::records).min().orElseThrow();
    }

    /** The rounds of {@code kinds} at every QoS. */
    private Stream<SteadyResult> rounds(List<String> kinds) {
        return byQos.values().stream().flatMap(m -> kinds.stream().map(m::get)).flatMap(List::stream);
    }

    /**
     * Rates of {@code raw} (headed {@code rawHeader}) and of each of {@code connectors}, with each connector's ratio
     * to {@code raw} and the messages lost at QoS 0.
     */
    String throughputTable(String raw, String rawHeader, List<String> connectors) {
        StringBuilder sb = new StringBuilder("| QoS | " + rawHeader);
        connectors.forEach(kind -> sb.append(" | ").append(kind).append(" rec/s"));
        connectors.forEach(kind -> sb.append(" | Ratio ").append(kind));
        sb.append(" | Lost (QoS 0) |\n|---:|---:").append("|---:|---:".repeat(connectors.size())).append("|---:|\n");
        for (int qos : qosLevels()) {
            sb.append("| ").append(qos).append(" | ").append(SourceBenchmark.rate(rates(qos, raw)));
            connectors.forEach(kind -> sb.append(" | ").append(SourceBenchmark.rate(rates(qos, kind))));
            connectors.forEach(kind -> sb.append(" | ").append(SourceBenchmark.ratio(rates(qos, kind),
                    rates(qos, raw))));
            long lost = lost(qos, raw) + connectors.stream().mapToLong(kind -> lost(qos, kind)).sum();
            sb.append(" | ").append(lost).append(" |\n");
        }
        return sb.append("\nRates over the windows as median (min–max) of the repetitions; ratios as median "
                + "(min–max) of the per-repetition ratios.\n\n").toString();
    }

    /**
     * One row for each of {@code kinds} at {@code qos}: its rate, its ratio to the first kind's rate in the same
     * repetition, and the worker's CPU time and allocated bytes per record.
     */
    String scalingTable(int qos, List<String> kinds) {
        String base = kinds.get(0);
        StringBuilder sb = new StringBuilder("| Round | Rec/s | Ratio to " + base + " | Worker CPU µs/rec "
                + "| Worker B/rec |\n|---|---:|---:|---:|---:|\n");
        for (String kind : kinds) {
            sb.append("| ").append(kind).append(" | ").append(SourceBenchmark.rate(rates(qos, kind))).append(" | ")
                    .append(SourceBenchmark.ratio(rates(qos, kind), rates(qos, base))).append(" | ")
                    .append(perRecord(qos, kind, SteadyResult::worker)).append(" |\n");
        }
        return sb.append('\n').toString();
    }

    /**
     * CPU and allocation per record: of our client's threads for {@code raw} (the {@code rawClient}, whose counted
     * threads {@code rawThreads} lists), of the worker's JVM for each of {@code connectors}.
     */
    String costTable(String raw, List<String> connectors, String rawClient, String rawThreads) {
        StringBuilder sb = new StringBuilder("Per record, over the same windows: the worker JVM's CPU time "
                + "(`ProcessCpuTime`: every thread, GC and JIT included) and the bytes its threads allocated "
                + "(`ThreadMXBean.getThreadAllocatedBytes` of every thread alive at the window's end, over JMX); for "
                + rawClient + ", the CPU time and allocated bytes in the benchmark's JVM of our client's own threads "
                + "(`mqtt-<client id>-*`: " + rawThreads + ").\n\n");
        sb.append("| QoS | " + raw + ": client CPU µs/msg | " + raw + ": client B/msg");
        StringBuilder align = new StringBuilder("|---:|---:|---:");
        for (String kind : connectors) {
            sb.append(" | ").append(kind).append(": worker CPU µs/rec | ").append(kind).append(": worker B/rec");
            align.append("|---:|---:");
        }
        sb.append(" |\n").append(align).append("|\n");
        byQos.forEach((qos, kinds) -> {
            sb.append("| ").append(qos).append(" | ").append(perRecord(qos, raw, SteadyResult::client));
            connectors.forEach(kind -> sb.append(" | ").append(perRecord(qos, kind, SteadyResult::worker)));
            sb.append(" |\n");
        });
        return sb.append('\n').toString();
    }

    /**
     * Where the worker's CPU went in the {@code kind} rounds at {@code qos}, by kind of thread over all their
     * windows: the profile behind the CPU column, with the kernel's share and the wake-ups that sampling Java code
     * cannot show.
     */
    String threadTable(int qos, String kind) {
        List<SteadyResult> rounds = rounds(qos, kind);
        long records = rounds.stream().mapToLong(SteadyResult::records).sum();
        return "Where the worker's CPU went at QoS " + qos + ", " + kind + ", over the windows of all repetitions, "
                + "by kind of thread (numbers in names left out): CPU time as Linux counts it (/proc, in 10 ms "
                + "ticks), of which in the kernel (system calls: socket reads and writes, waking other threads), and "
                + "the times a thread waited for something (a park, a socket read) or was pre-empted, per record. "
                + "Threads under 1 % of the total are summed as others.\n\n"
                + ThreadProfile.markdown(ThreadProfile.sortedByCpu(workerThreads(rounds)), records, 0.01) + "\n";
    }

    /**
     * The worker's thread counters at {@code qos} in the {@code kind} rounds, summed over their windows by whose work
     * each thread does ({@link ThreadProfile.Owner}).
     */
    Map<ThreadProfile.Owner, ThreadProfile.Counters> byOwner(int qos, String kind) {
        return ThreadProfile.byOwner(workerThreads(rounds(qos, kind)));
    }

    /** The records of the {@code kind} rounds at {@code qos}, over all their windows. */
    long records(int qos, String kind) {
        return rounds(qos, kind).stream().mapToLong(SteadyResult::records).sum();
    }

    /** The worker's threads of {@code rounds}, each kind's counters summed over their windows. */
    private static Map<String, ThreadProfile.Counters> workerThreads(List<SteadyResult> rounds) {
        Map<String, ThreadProfile.Counters> byThread = new HashMap<>();
        rounds.forEach(r -> r.workerThreads().forEach((thread, c) -> byThread.merge(thread, c,
                ThreadProfile.Counters::plus)));
        return byThread;
    }

    /** The median over the repetitions of the worker's CPU µs per record in the {@code kind} rounds at {@code qos}. */
    double workerMicrosPerRecord(int qos, String kind) {
        return Spread.of(values(qos, kind, r -> r.worker().cpuMicrosPer(r.records()))).median();
    }

    private String perRecord(int qos, String kind, Function<SteadyResult, Usage> usage) {
        return SourcePayloadFormats.micros(values(qos, kind, r -> usage.apply(r).cpuMicrosPer(r.records())))
                + " | " + bytes(values(qos, kind, r -> usage.apply(r).bytesPer(r.records())));
    }

    /** Bytes as median (min–max), whole. */
    static String bytes(List<Double> values) {
        Spread s = Spread.of(values);
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.median(), s.min(), s.max());
    }

    /** Each kind of round's median share of the cores, and the rounds in which the machine was the limit. */
    String splitTable() {
        StringBuilder sb = new StringBuilder("| QoS | Round | Worker JVM | Mosquitto | Benchmark JVM | Other processes"
                + " | Idle | Limit |\n|---:|---|---:|---:|---:|---:|---:|---|\n");
        List<String> bound = new ArrayList<>();
        byQos.forEach((qos, kinds) -> kinds.forEach((kind, rounds) -> {
            CpuSplit split = CpuSplit.median(rounds.stream().map(SteadyResult::split).toList());
            sb.append("| ").append(qos).append(" | ").append(kind).append(" | ").append(split.cells()).append(" |\n");
            if (!split.limit().isEmpty()) {
                bound.add("QoS " + qos + " " + kind + " (" + split.limit() + ")");
            }
        }));
        int cores = Runtime.getRuntime().availableProcessors();
        return sb.append(String.format(Locale.ROOT, "%nCores busy (CPU seconds a second, of %d) over the windows, "
                + "median of the repetitions. A limit is named where the measurements show one: the machine when "
                + "less than %.0f %% of its cores stayed idle; Mosquitto, which runs on one thread, when it used "
                + "%.0f %% of a core or more. Limited so: %s.%n%n", cores, CpuSplit.IDLE_LIMIT * 100,
                CpuSplit.BROKER_LIMIT * 100, bound.isEmpty() ? "none of these rounds"
                : String.join(", ", bound))).toString();
    }

    private List<SteadyResult> rounds(int qos, String kind) {
        return byQos.get(qos).get(kind);
    }

    private List<Double> values(int qos, String kind, ToDoubleFunction<SteadyResult> value) {
        return rounds(qos, kind).stream().map(value::applyAsDouble).toList();
    }
}
