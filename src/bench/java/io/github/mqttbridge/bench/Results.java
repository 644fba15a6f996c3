package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The measured rounds of each cell of the client matrix, warm-up rounds excluded. */
final class Results {

    /** One cell: a client (or the broker's own command-line clients) on a broker, at a QoS and payload size. */
    record Cell(String broker, String client, int qos, int size) {
    }

    private final Map<Cell, List<RoundResult>> rounds = new LinkedHashMap<>();

    void add(Cell cell, RoundResult result) {
        rounds.computeIfAbsent(cell, c -> new ArrayList<>()).add(result);
    }

    boolean has(Cell cell) {
        return rounds.containsKey(cell);
    }

    /** The cells in the order they were first measured. */
    List<Cell> cells() {
        return List.copyOf(rounds.keySet());
    }

    /** Messages that never arrived (only at QoS 0) and messages sent, over all repetitions. */
    int[] lostOfSent(Cell cell) {
        return new int[] {rounds.get(cell).stream().mapToInt(RoundResult::lost).sum(),
                rounds.get(cell).stream().mapToInt(RoundResult::messages).sum()};
    }

    /** The N of the cell's rounds: sized once, the same in every repetition. */
    int messages(Cell cell) {
        return rounds.get(cell).get(0).messages();
    }

    Spread receive(Cell cell) {
        return spread(cell, RoundResult::steadyReceiveRate);
    }

    Spread publish(Cell cell) {
        return spread(cell, RoundResult::publishRate);
    }

    private Spread spread(Cell cell, ToDoubleFunction<RoundResult> rate) {
        return Spread.of(rounds.get(cell).stream().map(rate::applyAsDouble).toList());
    }
}
