package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The targets, checked against the measured medians of messages received: at QoS 1 and 2, our client at
 * its defaults at least twice Paho's rate and at least HiveMQ's, each at its defaults; our client tuned at least
 * equal to Paho tuned and to HiveMQ (whose defaults are its best window).
 */
record Targets(List<Check> checks) {
    static final List<Integer> QOS_LEVELS = List.of(1, 2);

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
            if (!QOS_LEVELS.contains(cell.qos())) {
                continue;
            }
            if (cell.client().equals(Library.OURS.id())) {
                add(checks, results, cell, Library.PAHO, 2.0);
                add(checks, results, cell, Library.HIVEMQ, 1.0);
            } else if (cell.client().equals(Library.OURS_TUNED.id())) {
                add(checks, results, cell, Library.PAHO_TUNED, 1.0);
                add(checks, results, cell, Library.HIVEMQ, 1.0);
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
