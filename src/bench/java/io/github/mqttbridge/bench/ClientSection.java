package io.github.mqttbridge.bench;

import io.github.mqttbridge.testing.AutoCloseableBroker;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client chapter: our client, Paho and the HiveMQ client side by side, in MQTT 3.1.1 and in MQTT 5, each
 * publishing to a subscriber of its own library and protocol generation, against one Mosquitto process and one
 * HiveMQ CE (in a JVM of its own), at QoS 0, 1 and 2 and three payload sizes, with Mosquitto's own command-line
 * clients as the brokers' ceiling. Each repetition runs every cell once, so that changes in machine load spread
 * over all clients instead of landing on one; each client's rounds in a cell are sized from a round of its own to
 * last about as long, and rated over their steady middle.
 */
final class ClientSection implements BenchSection {
    static final List<Integer> SIZES = List.of(64, 1024, 65_536);
    static final List<Integer> QOS_LEVELS = List.of(0, 1, 2);
    /** Profiles are costly; the worst misses say enough. */
    private static final int MAX_PROFILES = 2;
    /** How long a measured round lasts at the standard size: its N is what its client received in that long. */
    static final double ROUND_SECONDS = 1.5;
    /** The fewest messages of a measured round, so that its tenth and ninetieth percent are apart. */
    static final int MIN_MESSAGES = 500;
    static final int MAX_MESSAGES = 200_000;
    /** The most payload bytes a round publishes: publisher and subscriber share the benchmark's 1 GiB heap. */
    static final long MAX_ROUND_BYTES = 128L << 20;

    @Override
    public String id() {
        return "client";
    }

    /**
     * Messages of a sizing round at the standard size: a short round of each cell that finds the N of its measured
     * rounds, and warms that cell's code paths; fewer for 64 KiB payloads and for QoS 2's four-packet handshake.
     */
    static int sizingMessages(int size, int qos) {
        int[] bySize = size <= 64 ? new int[] {4_000, 3_000, 1_500}
                : size <= 1024 ? new int[] {3_000, 2_000, 1_000}
                : new int[] {300, 200, 150};
        return bySize[qos];
    }

    /** How long a measured round lasts at the selected size. */
    static double roundSeconds(SuiteOptions options) {
        return switch (options.size()) {
            case QUICK -> ROUND_SECONDS / 10;
            case STANDARD -> ROUND_SECONDS;
            case LARGE -> ROUND_SECONDS * 5;
        };
    }

    /** The N of a measured round for a client that received {@code rate} messages per second in its sizing round. */
    static int measuredMessages(SuiteOptions options, double rate, int size) {
        double seconds = roundSeconds(options);
        long byBytes = MAX_ROUND_BYTES / size;
        return (int) Math.max(Math.min(MIN_MESSAGES, byBytes),
                Math.min(Math.min(MAX_MESSAGES, byBytes), Math.round(rate * seconds)));
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        long start = System.nanoTime();
        Results results = new Results();
        Map<String, String> brokers = new LinkedHashMap<>();
        Path work = Path.of("target", "bench");
        try (AutoCloseableBroker mosquitto = MosquittoBroker.builder().start();
             AutoCloseableBroker hivemq = new EmbeddedBrokerProcess(work.resolve("embedded-broker.log"))) {
            Map<String, AutoCloseableBroker> byId = new LinkedHashMap<>();
            byId.put("mosquitto", mosquitto);
            byId.put("hivemq-ce", hivemq);
            byId.forEach((id, broker) -> brokers.put(id, broker.name()));

            warmUp(options, byId.values());
            options.out().printf(Locale.ROOT, "  %-10s %-18s %3s %7s %7s %12s %12s %9s%n", "broker", "client", "QoS",
                    "payload", "N", "received/s", "published/s", "MB/s");
            options.out().println("client: sizing rounds (not counted)");
            Map<Results.Cell, Integer> messages = new LinkedHashMap<>();
            for (Results.Cell cell : cells(byId.keySet())) {
                RoundResult sizing = round(options, cell, byId.get(cell.broker()),
                        options.scaled(sizingMessages(cell.size(), cell.qos())), "size", work);
                messages.put(cell, measuredMessages(options, sizing.steadyReceiveRate(), cell.size()));
            }
            for (int rep = 1; rep <= options.reps(); rep++) {
                options.out().printf(Locale.ROOT, "client: repetition %d/%d (%d s into the section)%n", rep,
                        options.reps(), (System.nanoTime() - start) / 1_000_000_000);
                for (var cell : messages.entrySet()) {
                    results.add(cell.getKey(), round(options, cell.getKey(), byId.get(cell.getKey().broker()),
                            cell.getValue(), "r" + rep, work));
                }
            }
            Targets targets = Targets.of(results);
            List<ProfiledMiss> profiles = profileWorstMisses(options, targets, byId, messages);
            return new ClientReport(options, results, brokers, targets, profiles).markdown();
        }
    }

    /**
     * JIT compilation before anything counts: half a 64 B round of every client at every QoS on the first broker,
     * then of our client in each protocol generation at every QoS on the others, which warms their own JVMs
     * (HiveMQ CE's).
     */
    private static void warmUp(SuiteOptions options, Collection<AutoCloseableBroker> brokers) throws Exception {
        options.out().println("client: warm-up (64 B, not counted)");
        int round = 0;
        List<Library> libraries = List.of(Library.values());
        for (AutoCloseableBroker broker : brokers) {
            for (Library library : libraries) {
                for (int qos : QOS_LEVELS) {
                    BenchRound.run(library, broker.tcpUri(), qos, options.scaled(sizingMessages(64, qos)) / 2, 64,
                            library.id() + "-warmup-" + round++);
                }
            }
            libraries = Library.MQTT_VERSIONS.stream().map(Library::ours).toList();
        }
    }

    /** One more round of our client in each of the worst misses, as long as the measured ones, under JFR. */
    private static List<ProfiledMiss> profileWorstMisses(SuiteOptions options, Targets targets,
            Map<String, AutoCloseableBroker> brokers, Map<Results.Cell, Integer> roundSizes) throws Exception {
        List<ProfiledMiss> profiles = new ArrayList<>();
        for (Targets.Check miss : targets.worstMisses(MAX_PROFILES)) {
            Results.Cell cell = miss.ours();
            Library library = Library.byId(cell.client());
            int messages = roundSizes.get(cell);
            options.out().println("client: profiling " + cell + " with JFR, " + messages + " messages");
            RoundResult[] round = new RoundResult[1];
            Profile profile = Profile.of(() -> round[0] = BenchRound.run(library, brokers.get(cell.broker()).tcpUri(),
                    cell.qos(), messages, cell.size(), "profile-" + cell.broker() + "-q" + cell.qos()));
            profiles.add(new ProfiledMiss(miss, round[0], profile));
        }
        return profiles;
    }

    /**
     * Every cell in the order a repetition runs them: per broker, payload size and QoS, every client and then the
     * command-line ceiling, so that changes in machine load spread over all clients instead of landing on one.
     */
    private static List<Results.Cell> cells(Collection<String> brokers) {
        List<Results.Cell> cells = new ArrayList<>();
        for (String broker : brokers) {
            for (int size : SIZES) {
                for (int qos : QOS_LEVELS) {
                    for (Library library : Library.values()) {
                        cells.add(new Results.Cell(broker, library.id(), qos, size));
                    }
                    cells.add(new Results.Cell(broker, CommandLineRound.ID, qos, size));
                }
            }
        }
        return cells;
    }

    private static RoundResult round(SuiteOptions options, Results.Cell cell, AutoCloseableBroker broker, int messages,
                                     String tag, Path work) throws Exception {
        String roundId = cell.client().replace('/', '-') + "-" + cell.broker() + "-q" + cell.qos() + "-" + cell.size() + "-" + tag;
        RoundResult round = cell.client().equals(CommandLineRound.ID)
                ? CommandLineRound.run(broker.ports(), cell.qos(), messages, cell.size(), roundId, work)
                : BenchRound.run(Library.byId(cell.client()), broker.tcpUri(), cell.qos(), messages, cell.size(),
                        roundId);
        options.out().printf(Locale.ROOT, "  %-10s %-18s %3d %7d %7d %,12.0f %,12.0f %9.2f%n", cell.broker(),
                cell.client(), cell.qos(), cell.size(), round.messages(), round.steadyReceiveRate(),
                round.publishRate(), round.steadyReceiveRate() * cell.size() / 1e6);
        return round;
    }

    /** A missed target with the JFR profile of our client in one more round of that cell. */
    record ProfiledMiss(Targets.Check miss, RoundResult round, Profile profile) {

        /** Samples per millisecond of the round: JFR samples each thread running Java code once a millisecond. */
        double busyShare() {
            return profile.samples() / (round.receiveNanos() / 1e6);
        }
    }
}
