package io.github.mqttbridge.interop;

import io.github.mqttbridge.interop.CellOutcome.Kind;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Records how each cell of the interoperability suite came out, keyed by broker column and row, for
 * {@link CompatibilityTable}. The outcome comes from the run; the footnote from the cell's annotations.
 */
final class CompatibilityRecorder implements TestWatcher {

    record Key(BrokerColumn column, Cell row) {
    }

    private static final Map<Key, CellOutcome> RESULTS = new ConcurrentHashMap<>();

    static Map<Key, CellOutcome> results() {
        return Map.copyOf(RESULTS);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, passed(context.getRequiredTestMethod()));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, disabled(context.getRequiredTestMethod(), reason.orElse("disabled")));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, CellOutcome.of(Kind.SKIPPED));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, CellOutcome.of(Kind.FAILED));
    }

    /** A cell that passed: the broker's fault if the cell says so. */
    static CellOutcome passed(Method cell) {
        return AnnotationSupport.findAnnotation(cell, BrokerFault.class)
                .map(f -> new CellOutcome(Kind.BROKER_FAULT, faultNote(f)))
                .orElse(CellOutcome.of(Kind.PASSED));
    }

    /** A cell disabled until our client is fixed, with the reason, and the broker's part if it has one. */
    static CellOutcome disabled(Method cell, String reason) {
        String note = "Our client: " + reason + AnnotationSupport.findAnnotation(cell, BrokerFault.class)
                .map(f -> ". " + faultNote(f)).orElse("");
        return new CellOutcome(Kind.OUR_DEFECT, note);
    }

    private static String faultNote(BrokerFault fault) {
        return "Broker fault: " + fault.value() + " (" + fault.reference() + ")";
    }

    private static void record(ExtensionContext context, CellOutcome outcome) {
        RESULTS.put(key(context.getRequiredTestClass(), context.getRequiredTestMethod()), outcome);
    }

    static Key key(Class<?> brokerCells, Method cell) {
        BrokerColumn column = AnnotationSupport.findAnnotation(brokerCells, BrokerColumn.class).orElseThrow(
                () -> new IllegalStateException(brokerCells + " lacks @BrokerColumn"));
        return new Key(column, row(cell.getName()));
    }

    /** A cell's row, declared on the common case in {@link InteropCells} that broker classes may override. */
    static Cell row(String cellName) {
        try {
            Method common = InteropCells.class.getDeclaredMethod(cellName);
            return AnnotationSupport.findAnnotation(common, Cell.class).orElseThrow(
                    () -> new IllegalStateException(common + " lacks @Cell"));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a broker's cell " + cellName + " must override one of InteropCells", e);
        }
    }
}
