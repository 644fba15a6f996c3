package io.github.mqttbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each thread of a JVM has cost so far, as Linux counts it: user and kernel CPU time and the times the thread
 * was switched off its core, either waiting for something (voluntary: a park, a blocking read) or pre-empted. The
 * threads are named from a thread dump ({@code jcmd Thread.print}), which gives each one's native id. The
 * difference of two is where a window's CPU went, with the kernel's share and the wake-ups that JFR's execution
 * samples (Java code only) cannot show.
 */
final class ThreadProfile {
    private static final Pattern DUMP_LINE = Pattern.compile("^\"(.*)\".* nid=(0x[0-9a-f]+|\\d+)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** One thread's counters. */
    record Counters(long userNanos, long systemNanos, long voluntarySwitches, long involuntarySwitches) {
        Counters minus(Counters o) {
            return new Counters(userNanos - o.userNanos, systemNanos - o.systemNanos,
                    voluntarySwitches - o.voluntarySwitches, involuntarySwitches - o.involuntarySwitches);
        }

        Counters plus(Counters o) {
            return new Counters(userNanos + o.userNanos, systemNanos + o.systemNanos,
                    voluntarySwitches + o.voluntarySwitches, involuntarySwitches + o.involuntarySwitches);
        }

        long cpuNanos() {
            return userNanos + systemNanos;
        }
    }

    /** Native thread id to name, then to counters. */
    private final Map<Long, String> names;
    private final Map<Long, Counters> counters;

    private ThreadProfile(Map<Long, String> names, Map<Long, Counters> counters) {
        this.names = names;
        this.counters = counters;
    }

    /** The threads of process {@code pid} that {@code threadDump} (its {@code Thread.print}) names. */
    static ThreadProfile of(long pid, String threadDump) throws IOException {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Counters> counters = new HashMap<>();
        for (String line : threadDump.lines().toList()) {
            Matcher m = DUMP_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            long tid = Long.decode(m.group(2));
            Counters c = read(pid, tid);
            if (c != null) {
                names.put(tid, m.group(1));
                counters.put(tid, c);
            }
        }
        return new ThreadProfile(names, counters);
    }

    /** A thread's counters, or null when it ended before they were read. */
    private static Counters read(long pid, long tid) throws IOException {
        Path task = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid));
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            long voluntary = 0;
            long involuntary = 0;
            for (String line : Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    voluntary = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    involuntary = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new Counters(Long.parseLong(fields[11]) * ProcCpu.NANOS_PER_TICK,
                    Long.parseLong(fields[12]) * ProcCpu.NANOS_PER_TICK, voluntary, involuntary);
        } catch (NoSuchFileException ended) {
            return null;
        }
    }

    /**
     * What the threads alive in both cost in between, summed by kind of thread: names with their numbers left
     * out (so a client id or a task number does not split a kind), largest first.
     */
    Map<String, Counters> since(ThreadProfile start) {
        Map<String, Counters> byKind = new HashMap<>();
        counters.forEach((tid, now) -> {
            Counters before = start.counters.get(tid);
            Counters cost = before == null ? now : now.minus(before);
            byKind.merge(kind(names.get(tid)), cost, Counters::plus);
        });
        return sortedByCpu(byKind);
    }

    /** The same entries, the thread kinds that used the most CPU first. */
    static Map<String, Counters> sortedByCpu(Map<String, Counters> byKind) {
        Map<String, Counters> sorted = new LinkedHashMap<>();
        byKind.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().cpuNanos(), a.getValue().cpuNanos()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Whose work a kind of thread does in a Connect worker, so that the connector's own cost reads apart. */
    enum Owner {
        TASK("Connect's task thread: our `poll()` or `put()`, and Connect's conversion and the Kafka client calls"
                + " it makes"),
        KAFKA("Kafka's client threads (the producer's sender, the consumer's background and heartbeat threads),"
                + " which also run the producer's callbacks that acknowledge MQTT messages"),
        MQTT("our MQTT client's threads (`mqtt-*`)"),
        JVM("the JVM's own threads: JIT compilers, garbage collection, the VM thread"),
        MEASUREMENT("the benchmark's JMX reads of the worker (`RMI TCP Connection`)"),
        OTHER("others");

        private final String description;

        Owner(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        static Owner of(String kind) {
            if (kind.startsWith("task-thread-")) {
                return TASK;
            }
            if (kind.startsWith("kafka-") || kind.startsWith("consumer_background_thread")) {
                return KAFKA;
            }
            if (kind.startsWith("mqtt-")) {
                return MQTT;
            }
            if (kind.contains("CompilerThread") || kind.startsWith("VM ") || kind.startsWith("GC ")
                    || kind.startsWith("G1 ") || kind.equals("Sweeper thread")) {
                return JVM;
            }
            if (kind.startsWith("RMI ") || kind.startsWith("JMX ")) {
                return MEASUREMENT;
            }
            return OTHER;
        }
    }

    /** The counters of {@code byKind} summed by {@link Owner}, in the order of the owners. */
    static Map<Owner, Counters> byOwner(Map<String, Counters> byKind) {
        Map<Owner, Counters> byOwner = new EnumMap<>(Owner.class);
        byKind.forEach((kind, c) -> byOwner.merge(Owner.of(kind), c, Counters::plus));
        return byOwner;
    }

    static String kind(String threadName) {
        return DIGITS.matcher(threadName.replaceAll("bk-(src|snk|raw)-[0-9a-f]+", "bk-$1-<id>")).replaceAll("N");
    }

    /**
     * A Markdown table of {@code byKind}, per record of {@code records}: CPU µs (of which in the kernel) and
     * switches off the core, for the kinds that used at least {@code minShare} of the CPU.
     */
    static String markdown(Map<String, Counters> byKind, long records, double minShare) {
        long total = byKind.values().stream().mapToLong(Counters::cpuNanos).sum();
        StringBuilder table = new StringBuilder("| Threads | CPU µs/rec | of which kernel | Share | Waits/rec | "
                + "Pre-empted/rec |\n|---|---:|---:|---:|---:|---:|\n");
        Counters rest = new Counters(0, 0, 0, 0);
        for (Map.Entry<String, Counters> e : byKind.entrySet()) {
            Counters c = e.getValue();
            if (c.cpuNanos() < minShare * total) {
                rest = rest.plus(c);
                continue;
            }
            table.append(row("`" + e.getKey() + "`", c, records, total));
        }
        table.append(row("others", rest, records, total));
        Counters all = byKind.values().stream().reduce(new Counters(0, 0, 0, 0), Counters::plus);
        return table.append(row("**all**", all, records, total)).toString();
    }

    private static String row(String label, Counters c, long records, long total) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f %% | %.2f | %.2f |%n", label,
                c.cpuNanos() / 1e3 / records, c.systemNanos() / 1e3 / records,
                total == 0 ? 0 : 100.0 * c.cpuNanos() / total, (double) c.voluntarySwitches() / records,
                (double) c.involuntarySwitches() / records);
    }
}
