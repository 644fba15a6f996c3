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
 * over all clients instead of landing on one.
 */
final class ClientSection implements BenchSection {
    static final List<Integer> SIZES = List.of(64, 1024, 65_536);
    static final List<Integer> QOS_LEVELS = List.of(0, 1, 2);
    /** Profiles are costly; the worst misses say enough. */
    private static final int MAX_PROFILES = 2;

    @Override
    public String id() {
        return "client";
    }

    /**
     * Messages per round at the standard size, chosen so that a round takes about a second here and the MQTT 3.1.1
     * matrix fitted six minutes (the MQTT 5 clients add three rounds to its six per cell, so about half as much
     * again): fewer for 64 KiB payloads and for QoS 2's four-packet handshake.
     */
    static int standardMessages(int size, int qos) {
        int[] bySize = size <= 64 ? new int[] {4_000, 3_000, 1_500}
                : size <= 1024 ? new int[] {3_000, 2_000, 1_000}
                : new int[] {300, 200, 150};
        return bySize[qos];
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
            for (int rep = 1; rep <= options.reps(); rep++) {
                options.out().printf(Locale.ROOT, "client: repetition %d/%d (%d s into the section)%n", rep,
                        options.reps(), (System.nanoTime() - start) / 1_000_000_000);
                for (var broker : byId.entrySet()) {
                    for (int size : SIZES) {
                        for (int qos : QOS_LEVELS) {
                            runCells(options, results, broker.getKey(), broker.getValue(), qos, size, rep, work);
                        }
                    }
                }
            }
            Targets targets = Targets.of(results);
            List<ProfiledMiss> profiles = profileWorstMisses(options, targets, byId);
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
                    BenchRound.run(library, broker.tcpUri(), qos, options.scaled(standardMessages(64, qos)) / 2, 64,
                            library.id() + "-warmup-" + round++);
                }
            }
            libraries = Library.MQTT_VERSIONS.stream().map(Library::ours).toList();
        }
    }

    /** One more round, three times as long, of our client in each of the worst misses, under JFR. */
    private static List<ProfiledMiss> profileWorstMisses(SuiteOptions options, Targets targets,
                                                         Map<String, AutoCloseableBroker> brokers) throws Exception {
        List<ProfiledMiss> profiles = new ArrayList<>();
        for (Targets.Check miss : targets.worstMisses(MAX_PROFILES)) {
            Results.Cell cell = miss.ours();
            Library library = Library.byId(cell.client());
            int messages = 3 * options.scaled(standardMessages(cell.size(), cell.qos()));
            options.out().println("client: profiling " + cell + " with JFR, " + messages + " messages");
            RoundResult[] round = new RoundResult[1];
            Profile profile = Profile.of(() -> round[0] = BenchRound.run(library, brokers.get(cell.broker()).tcpUri(),
                    cell.qos(), messages, cell.size(), "profile-" + cell.broker() + "-q" + cell.qos()));
            profiles.add(new ProfiledMiss(miss, round[0], profile));
        }
        return profiles;
    }

    /** Every client, then the command-line ceiling, on one broker at one QoS and payload size. */
    private static void runCells(SuiteOptions options, Results results, String brokerId, AutoCloseableBroker broker,
                                 int qos, int size, int rep, Path work) throws Exception {
        int messages = options.scaled(standardMessages(size, qos));
        String suffix = "-" + brokerId + "-q" + qos + "-" + size + "-r" + rep;
        for (Library library : Library.values()) {
            record(options, results, new Results.Cell(brokerId, library.id(), qos, size),
                    BenchRound.run(library, broker.tcpUri(), qos, messages, size, library.id() + suffix));
        }
        record(options, results, new Results.Cell(brokerId, CommandLineRound.ID, qos, size),
                CommandLineRound.run(broker.ports(), qos, messages, size, "cli" + suffix, work));
    }

    private static void record(SuiteOptions options, Results results, Results.Cell cell, RoundResult round) {
        results.add(cell, round);
        options.out().printf(Locale.ROOT, "  %-10s %-18s %3d %7d %7d %,12.0f %,12.0f %9.2f%n", cell.broker(),
                cell.client(), cell.qos(), cell.size(), round.messages(), round.receiveRate(), round.publishRate(),
                round.receiveRate() * cell.size() / 1e6);
    }

    /** A missed target with the JFR profile of our client in one more round of that cell. */
    record ProfiledMiss(Targets.Check miss, RoundResult round, Profile profile) {

        /** Samples per millisecond of the round: JFR samples each thread running Java code once a millisecond. */
        double busyShare() {
            return profile.samples() / (round.receiveNanos() / 1e6);
        }
    }
}
