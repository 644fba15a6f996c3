package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The issues' targets, checked against the measured medians of messages received. MQTT 3.1.1, at QoS 1 and 2: our
 * client at its defaults at least twice Paho's rate and at least HiveMQ's, each at its defaults; our client tuned at
 * least equal to Paho tuned and to HiveMQ (whose defaults are its best window). MQTT 5, at every QoS: our client at
 * least equal to HiveMQ's and to Paho's, all at their defaults.
 */
record Targets(List<Check> checks) {
    private static final List<Integer> ACKNOWLEDGED = List.of(1, 2);
    private static final List<Integer> EVERY_QOS = List.of(0, 1, 2);

    /** One aim: {@code ours} at least {@code target} times {@code theirs} at each of {@code qosLevels}. */
    record Aim(Library ours, Library theirs, double target, List<Integer> qosLevels) {
        String markdown() {
            return String.format(Locale.ROOT, "`%s` at least %.1f× `%s` at QoS %s", ours.id(), target, theirs.id(),
                    qosLevels.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    static final List<Aim> AIMS = List.of(
            new Aim(Library.OURS, Library.PAHO, 2.0, ACKNOWLEDGED),
            new Aim(Library.OURS, Library.HIVEMQ, 1.0, ACKNOWLEDGED),
            new Aim(Library.OURS_TUNED, Library.PAHO_TUNED, 1.0, ACKNOWLEDGED),
            new Aim(Library.OURS_TUNED, Library.HIVEMQ, 1.0, ACKNOWLEDGED),
            new Aim(Library.OURS_V5, Library.HIVEMQ_V5, 1.0, EVERY_QOS),
            new Aim(Library.OURS_V5, Library.PAHO_V5, 1.0, EVERY_QOS));

    /** Ours against theirs in one broker, QoS and size; {@code ratio} is ours divided by theirs. */
    record Check(Results.Cell ours, Results.Cell theirs, double target, double ratio) {
        boolean met() {
            return ratio >= target;
        }

        /** How far from the target, as a factor: below 1 is a miss. */
        double margin() {
            return ratio / target;
        }
    }

    static Targets of(Results results) {
        List<Check> checks = new ArrayList<>();
        for (Results.Cell cell : results.cells()) {
            for (Aim aim : AIMS) {
                if (cell.client().equals(aim.ours().id()) && aim.qosLevels().contains(cell.qos())) {
                    add(checks, results, cell, aim.theirs(), aim.target());
                }
            }
        }
        return new Targets(List.copyOf(checks));
    }

    private static void add(List<Check> checks, Results results, Results.Cell ours, Library other, double target) {
        Results.Cell theirs = new Results.Cell(ours.broker(), other.id(), ours.qos(), ours.size());
        if (results.has(theirs)) {
            checks.add(new Check(ours, theirs, target,
                    results.receive(ours).median() / results.receive(theirs).median()));
        }
    }

    List<Check> misses() {
        return checks.stream().filter(c -> !c.met()).toList();
    }

    /** The misses furthest from their target, at most one per cell of ours. */
    List<Check> worstMisses(int limit) {
        List<Check> worst = new ArrayList<>();
        misses().stream().sorted(Comparator.comparingDouble(Check::margin)).forEach(miss -> {
            if (worst.size() < limit && worst.stream().noneMatch(w -> w.ours().equals(miss.ours()))) {
                worst.add(miss);
            }
        });
        return worst;
    }
}
