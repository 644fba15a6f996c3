package io.github.mqttbridge.bench;

import io.github.mqttbridge.testing.MosquittoBroker;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the throughput of our client with Paho's and HiveMQ's against a Mosquitto of its own, and writes
 * BENCHMARKS.md. A main, not a test, so that {@code mvn verify} never runs it; see BENCHMARKS.md for the command.
 */
public final class ClientBenchmark {
    static final String COMMAND = "mvn -q -Pbench test-compile exec:exec";

    private ClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String command = COMMAND + (options.args().isEmpty() ? "" : " -Dbench.args=\"" + options.args() + "\"");
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String machine = Machine.describe();
        double loadBefore = Machine.loadAverage();
        System.out.println(machine);

        Results results = new Results();
        Map<Integer, Profile> profiles = new TreeMap<>();
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            String uri = broker.tcpUri();
            System.out.println("warm-up");
            runAll(options, uri, "warmup", null);
            for (int rep = 1; rep <= options.repetitions(); rep++) {
                System.out.println("repetition " + rep + "/" + options.repetitions());
                runAll(options, uri, "rep" + rep, results);
            }
            if (options.profile() && options.libraries().contains(Library.OURS)) {
                for (int qos : options.qosLevels()) {
                    int q = qos;
                    System.out.println("profiling ours at QoS " + qos);
                    // three times the messages, so that the profile holds enough samples to rank frames
                    profiles.put(qos, Profile.of(() -> BenchRound.run(Library.OURS, uri, q, 3 * options.messagesFor(q),
                            options.size(), "profile-q" + q)));
                }
            }
        }
        String report = Report.markdown(options, results, command, date, machine, loadBefore, Machine.loadAverage(),
                profiles);
        Files.writeString(options.out(), report);
        System.out.println("\nwrote " + options.out().toAbsolutePath());
    }

    private static void runAll(BenchOptions options, String uri, String label, Results results) throws Exception {
        for (Library library : options.libraries()) {
            for (int qos : options.qosLevels()) {
                int messages = options.messagesFor(qos);
                RoundResult r = BenchRound.run(library, uri, qos, messages, options.size(),
                        library.id() + "-q" + qos + "-" + label);
                System.out.printf(Locale.ROOT, "  %-10s QoS %d  %,7d msgs  publish-complete %,9.0f msg/s  received"
                        + " %,9.0f msg/s  (%.2f s)%n", library.id(), qos, messages, r.publishRate(), r.receiveRate(),
                        r.receiveNanos() / 1e9);
                if (results != null) {
                    results.add(library, qos, r);
                }
            }
        }
    }
}
