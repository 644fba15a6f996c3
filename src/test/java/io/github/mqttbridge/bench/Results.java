package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** The measured rounds per library and QoS, warm-up rounds excluded. */
final class Results {
    private final Map<Library, Map<Integer, List<RoundResult>>> rounds = new EnumMap<>(Library.class);

    void add(Library library, int qos, RoundResult result) {
        rounds.computeIfAbsent(library, l -> new TreeMap<>()).computeIfAbsent(qos, q -> new ArrayList<>()).add(result);
    }

    boolean has(Library library, int qos) {
        return rounds.containsKey(library) && rounds.get(library).containsKey(qos);
    }

    Spread receive(Library library, int qos) {
        return spread(library, qos, RoundResult::receiveRate);
    }

    Spread publish(Library library, int qos) {
        return spread(library, qos, RoundResult::publishRate);
    }

    private Spread spread(Library library, int qos, ToDoubleFunction<RoundResult> rate) {
        return Spread.of(rounds.get(library).get(qos).stream().map(r -> rate.applyAsDouble(r)).toList());
    }
}
