package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** errors.tolerance for payloads the format cannot read: fail, skip, or send to the dead letter topic. */
class SourceBadRecordsTest {
    private static final SourceRecordMapper MAPPER = new SourceRecordMapper(SourceTopicTemplate.parse("t"), SourcePayloadFormat.JSON,
            SourceRecordMapper.partition("c-0"), new SubscribedFilters(List.of("#")), null);

    private static Arrived bad() {
        MqttMessage m = new MqttMessage("temp=21");
        m.setDestinationName("plant/line-1");
        m.setQos(1);
        return Arrived.of(m, 0, false);
    }

    private static BadRecordException reason() {
        return assertThrows(BadRecordException.class, () -> MAPPER.toRecord(bad(), 1));
    }

    @Test
    void tolerance_none_fails_the_task_naming_the_topic_and_the_reason() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> new SourceBadRecords(false, "dlq", MAPPER).handle(bad(), 1, reason()));
        assertTrue(e.getMessage().contains("'plant/line-1'") && e.getMessage().contains("not one JSON document"),
                e.getMessage());
    }

    @Test
    void tolerance_all_without_a_dead_letter_topic_skips() {
        assertNull(new SourceBadRecords(true, "", MAPPER).handle(bad(), 1, reason()));
    }

    @Test
    void tolerance_all_with_a_dead_letter_topic_sends_the_raw_payload_there() {
        SourceRecord r = new SourceBadRecords(true, "dlq", MAPPER).handle(bad(), 1, reason());
        assertEquals("dlq", r.topic());
        assertEquals("temp=21", new String((byte[]) r.value(), StandardCharsets.UTF_8));
    }
}
