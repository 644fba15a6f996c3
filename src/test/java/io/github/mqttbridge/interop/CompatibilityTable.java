package io.github.mqttbridge.interop;

import io.github.mqttbridge.interop.CellOutcome.Kind;
import io.github.mqttbridge.interop.CompatibilityRecorder.Key;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker compatibility table (feature × broker) of docs/compatibility.md, from the outcomes of a run. A cell
 * with a footnote (a broker's fault, or a defect of ours awaiting its fix) links to it by number.
 */
final class CompatibilityTable {

    private final List<BrokerColumn> columns;
    private final List<Cell> rows;
    private final Map<Key, CellOutcome> results;

    CompatibilityTable(List<BrokerColumn> columns, List<Cell> rows, Map<Key, CellOutcome> results) {
        this.columns = columns.stream().sorted(Comparator.comparingInt(BrokerColumn::column)).toList();
        this.rows = rows.stream().sorted(Comparator.comparingInt(Cell::row)).toList();
        this.results = Map.copyOf(results);
    }

    CellOutcome outcome(BrokerColumn column, Cell row) {
        return results.getOrDefault(new Key(column, row), CellOutcome.of(Kind.SKIPPED));
    }

    /** True when every cell ran, or was disabled on purpose: only then does the table describe all brokers. */
    boolean complete() {
        return cells().stream().map(k -> outcome(k.column(), k.row()).kind()).noneMatch(Kind.SKIPPED::equals);
    }

    boolean anyFailed() {
        return cells().stream().map(k -> outcome(k.column(), k.row()).kind()).anyMatch(Kind.FAILED::equals);
    }

    private List<Key> cells() {
        List<Key> keys = new ArrayList<>();
        rows.forEach(row -> columns.forEach(column -> keys.add(new Key(column, row))));
        return keys;
    }

    String markdown() {
        Map<String, Integer> footnotes = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder("| Case |");
        columns.forEach(c -> table.append(' ').append(c.value()).append(" |"));
        table.append("\n|---|");
        columns.forEach(c -> table.append(":---:|"));
        table.append('\n');
        for (Cell row : rows) {
            table.append("| ").append(row.value()).append(" |");
            for (BrokerColumn column : columns) {
                CellOutcome outcome = outcome(column, row);
                table.append(' ').append(outcome.kind().symbol());
                if (!outcome.note().isEmpty()) {
                    int number = footnotes.computeIfAbsent(outcome.note(), n -> footnotes.size() + 1);
                    table.append(" [").append(number).append("](#note-").append(number).append(')');
                }
                table.append(" |");
            }
            table.append('\n');
        }
        table.append("\n✔ works; broker fault: the broker departs from MQTT 3.1.1 or from what users expect, and the"
                + " suite checks that our client copes; ✘ our client fails it; – not run.\n");
        if (!footnotes.isEmpty()) {
            table.append('\n');
            footnotes.forEach((note, number) -> table.append("<a id=\"note-").append(number).append("\"></a>")
                    .append(number).append(". ").append(note).append('\n'));
        }
        return table.toString();
    }
}
