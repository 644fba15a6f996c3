package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import static io.github.mqttbridge.connect.sink.SinkRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttMessage;
import org.junit.jupiter.api.Test;

class SinkRecordMapperTest {
    private static SinkRecordMapper mapper(TombstoneBehavior tombstones) {
        return new SinkRecordMapper(SinkTopicTemplate.parse("d/{key}"), SinkPayloadFormat.parse("auto"), tombstones, 1, false,
                null);
    }

    @Test
    void ignore_publishes_nothing() throws Exception {
        assertNull(mapper(TombstoneBehavior.IGNORE).map(record("k", null)).message());
    }

    @Test
    void clear_retained_publishes_an_empty_retained_message_to_the_record_topic() throws Exception {
        MqttMessage p = mapper(TombstoneBehavior.CLEAR_RETAINED).map(record("k", null)).message();
        assertEquals("d/k", p.destinationName());
        assertEquals(0, p.payloadBytes().length);
        assertTrue(p.retained());
        assertEquals(1, p.qos());
    }

    @Test
    void clear_retained_needs_a_topic_like_any_record() {
        assertThrows(BadRecordException.class, () -> mapper(TombstoneBehavior.CLEAR_RETAINED).map(record(null, null)));
    }

    @Test
    void fail_makes_a_bad_record() {
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> mapper(TombstoneBehavior.FAIL).map(record("k", null)));
        assertTrue(e.getMessage().contains("tombstone"), e.getMessage());
    }

    @Test
    void other_records_keep_the_configured_retained_flag() throws Exception {
        MqttMessage p = mapper(TombstoneBehavior.CLEAR_RETAINED).map(record("k", "v")).message();
        assertEquals(false, p.retained());
        assertEquals("v", p.payloadString());
    }
}
