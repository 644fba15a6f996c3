package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options: {@code --name=value} pairs and the {@code --quick} and {@code --no-profile} flags. */
record BenchOptions(int messages, int messagesQos2, int size, int repetitions, List<Library> libraries,
                    List<Integer> qosLevels, boolean profile, Path out, String args) {

    static final String USAGE = "options: --messages=N (QoS 0/1, default 20000) --messages-qos2=N (default 10000)"
            + " --size=BYTES (default 64, at least 4) --reps=R (default 3) --clients=ours,paho,paho-tuned,hivemq"
            + " --qos=0,1,2 --quick (2000/1000 messages, 1 repetition) --no-profile --out=FILE (default BENCHMARKS.md)";

    static BenchOptions parse(String[] argv) {
        int messages = 20_000;
        int messagesQos2 = 10_000;
        int size = 64;
        int reps = 3;
        List<Library> libraries = List.of(Library.values());
        List<Integer> qosLevels = List.of(0, 1, 2);
        boolean profile = true;
        Path out = Path.of("BENCHMARKS.md");
        for (String arg : argv) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                case "--messages" -> messages = positive(arg, value);
                case "--messages-qos2" -> messagesQos2 = positive(arg, value);
                case "--size" -> size = Math.max(4, positive(arg, value));
                case "--reps" -> reps = positive(arg, value);
                case "--clients" -> libraries = Arrays.stream(value.split(",")).map(Library::byId).toList();
                case "--qos" -> qosLevels = qosList(value);
                case "--quick" -> {
                    messages = 2_000;
                    messagesQos2 = 1_000;
                    reps = 1;
                }
                case "--no-profile" -> profile = false;
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; " + USAGE);
            }
        }
        return new BenchOptions(messages, messagesQos2, size, reps, libraries, qosLevels, profile, out,
                String.join(" ", argv));
    }

    int messagesFor(int qos) {
        return qos == 2 ? messagesQos2 : messages;
    }

    private static int positive(String arg, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(arg + ": expected a positive number");
    }

    private static List<Integer> qosList(String value) {
        List<Integer> levels = new ArrayList<>();
        for (String part : value.split(",")) {
            int qos = Integer.parseInt(part.trim());
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("--qos: expected 0, 1 or 2, was " + qos);
            }
            levels.add(qos);
        }
        return List.copyOf(levels);
    }
}
