package io.github.mqttbridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.interop.CellOutcome.Kind;
import io.github.mqttbridge.interop.CompatibilityRecorder.Key;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The compatibility table's rendering, and that docs/compatibility.md shows what the suite declares: every cell
 * passing, except where a cell names a broker's fault or waits, disabled, for a fix of ours. A run of
 * {@link BrokerInteropIT} checks the same file against the outcomes it saw.
 */
class CompatibilityTableTest {

    private final List<BrokerColumn> columns = BrokerInteropIT.columns();
    private final List<Cell> rows = BrokerInteropIT.rows();

    @Test
    void aFootnoteIsNumberedOnceAndSharedByEqualNotes() {
        Map<Key, CellOutcome> results = allPassed();
        CellOutcome fault = new CellOutcome(Kind.BROKER_FAULT, "Broker fault: drops things");
        results.put(new Key(columns.get(0), rows.get(2)), fault);
        results.put(new Key(columns.get(1), rows.get(4)), fault);
        results.put(new Key(columns.get(2), rows.get(4)), new CellOutcome(Kind.OUR_DEFECT, "Our client: loops"));

        String markdown = new CompatibilityTable(columns, rows, results).markdown();

        assertTrue(markdown.contains("<a id=\"note-1\"></a>1. Broker fault: drops things\n"), markdown);
        assertTrue(markdown.contains("<a id=\"note-2\"></a>2. Our client: loops\n"), markdown);
        assertFalse(markdown.contains("note-3"), markdown);
        String qos0Row = markdown.lines().filter(l -> l.startsWith("| " + rows.get(2).value() + " |")).findFirst()
                .orElseThrow();
        assertTrue(qos0Row.startsWith("| " + rows.get(2).value() + " | broker fault [1](#note-1) | ✔ |"), qos0Row);
    }

    @Test
    void aMissingOrFailedCellShowsAndMakesTheTableUnfitForTheDocs() {
        Map<Key, CellOutcome> results = allPassed();
        assertTrue(new CompatibilityTable(columns, rows, results).complete());

        results.remove(new Key(columns.get(3), rows.get(0)));
        CompatibilityTable incomplete = new CompatibilityTable(columns, rows, results);
        assertFalse(incomplete.complete());
        assertTrue(incomplete.markdown().contains("| " + rows.get(0).value() + " | ✔ | ✔ | ✔ | – |"),
                incomplete.markdown());

        results.put(new Key(columns.get(3), rows.get(0)), CellOutcome.of(Kind.FAILED));
        assertTrue(new CompatibilityTable(columns, rows, results).anyFailed());
    }

    @Test
    void theDocumentShowsTheCellsAsDeclared() {
        Map<Key, CellOutcome> declared = new HashMap<>();
        for (Class<?> brokerCells : BrokerInteropIT.brokerClasses()) {
            for (Method common : InteropCells.class.getDeclaredMethods()) {
                if (!common.isAnnotationPresent(Cell.class)) {
                    continue;
                }
                Method cell = ReflectionSupport.findMethod(brokerCells, common.getName()).orElseThrow();
                CellOutcome outcome = AnnotationSupport.findAnnotation(cell, Disabled.class)
                        .map(d -> CompatibilityRecorder.disabled(cell, d.value()))
                        .orElseGet(() -> CompatibilityRecorder.passed(cell));
                declared.put(CompatibilityRecorder.key(brokerCells, cell), outcome);
            }
        }
        assertEquals(new CompatibilityTable(columns, rows, declared).markdown(),
                BrokerInteropIT.REGION.read(BrokerInteropIT.DOCUMENT),
                BrokerInteropIT.DOCUMENT + " is out of date; regenerate it with the command in that file");
    }

    private Map<Key, CellOutcome> allPassed() {
        Map<Key, CellOutcome> results = new HashMap<>();
        rows.forEach(row -> columns.forEach(column -> results.put(new Key(column, row), CellOutcome.of(Kind.PASSED))));
        return results;
    }
}
