package io.github.mqttbridge.connect.sink;

import static io.github.mqttbridge.connect.sink.SinkRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.TaskConfig;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** errors.tolerance for records that cannot become a message: fail, skip, or Connect's errant record reporter. */
class SinkBadRecordsTest {
    private static final SinkRecord RECORD = record(null, "v");
    private static final BadRecordException BAD = new BadRecordException("the key is null");

    private final List<SinkRecord> reported = new ArrayList<>();
    private final MqttSinkTaskMetrics metrics = new MqttSinkTaskMetrics(TaskConfig.parse(TaskConfig.forTask(
            Map.of("name", "bad", "mqtt.server.uris", "tcp://localhost:1883"), 0), MqttSinkConnectorConfig::new),
            () -> false);

    private SinkBadRecords badRecords(boolean tolerateAll, boolean reporter) {
        return new SinkBadRecords(tolerateAll, reporter ? (r, e) -> {
            reported.add(r);
            return CompletableFuture.completedFuture(null);
        } : null, metrics);
    }

    @Test
    void tolerance_none_fails_the_task_naming_the_record_and_the_reason() {
        ConnectException e = assertThrows(ConnectException.class, () -> badRecords(false, true).handle(RECORD, BAD));
        assertTrue(e.getMessage().contains("record sensors-3@42") && e.getMessage().contains("the key is null"),
                e.getMessage());
        assertEquals(List.of(), reported);
    }

    @Test
    void tolerance_all_reports_to_connects_errant_record_reporter() {
        badRecords(true, true).handle(RECORD, BAD);
        assertEquals(1, reported.size());
        assertSame(RECORD, reported.get(0));
        assertEquals(1, metrics.getBadRecords());
    }

    @Test
    void tolerance_all_without_a_reporter_skips() {
        badRecords(true, false).handle(RECORD, BAD);
        assertEquals(List.of(), reported);
        assertEquals(1, metrics.getBadRecords());
    }
}
