package io.github.mqttbridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mqttbridge.testing.MarkdownRegion;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Our client against the brokers people run, each started here on free ports and stopped after: the cells of
 * {@link InteropCells} per broker, and at the end the compatibility table of docs/compatibility.md from their
 * outcomes. When every cell ran and none failed, the table in the docs must equal the one this run produced;
 * {@code -Dinterop.writeTable=true} rewrites it instead (see docs/compatibility.md for the command).
 */
class BrokerInteropIT {

    static final Path DOCUMENT = Path.of("docs/compatibility.md");
    static final MarkdownRegion REGION = new MarkdownRegion("compatibility-table");

    @Nested
    class MosquittoStock extends MosquittoStockCells {
    }

    @Nested
    class MosquittoTuned extends MosquittoTunedCells {
    }

    @Nested
    class Aedes extends AedesCells {
    }

    @Nested
    class RabbitMq extends RabbitMqCells {
    }

    @Nested
    class Nats extends NatsCells {
    }

    @AfterAll
    static void compatibilityTableIsUpToDate() {
        CompatibilityTable table = new CompatibilityTable(columns(), rows(), CompatibilityRecorder.results());
        System.out.println("Broker compatibility from this run:\n" + table.markdown());
        if (!table.complete() || table.anyFailed()) {
            System.out.println("Not comparing with " + DOCUMENT + ": not every cell ran, or some failed.");
            return;
        }
        if (Boolean.getBoolean("interop.writeTable")) {
            REGION.write(DOCUMENT, table.markdown());
            return;
        }
        assertEquals(table.markdown(), REGION.read(DOCUMENT), DOCUMENT + " does not show what this run found;"
                + " regenerate it with the command in that file");
    }

    static List<Class<?>> brokerClasses() {
        return Arrays.stream(BrokerInteropIT.class.getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(Nested.class))
                .toList();
    }

    static List<BrokerColumn> columns() {
        return brokerClasses().stream()
                .map(c -> AnnotationSupport.findAnnotation(c, BrokerColumn.class).orElseThrow())
                .sorted(Comparator.comparingInt(BrokerColumn::column))
                .toList();
    }

    static List<Cell> rows() {
        return Arrays.stream(InteropCells.class.getDeclaredMethods())
                .flatMap(m -> AnnotationSupport.findAnnotation(m, Cell.class).stream())
                .sorted(Comparator.comparingInt(Cell::row))
                .toList();
    }
}
