package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mqttbridge.client.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SourceRecordMapperTest {
    private static Arrived arrived(String topic, String payload, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setDestinationName(topic);
        m.setQos(qos);
        m.setRetained(retained);
        return Arrived.of(m, 1_700_000_000_123L);
    }

    private static Map<String, Object> headers(SourceRecord r) {
        Map<String, Object> h = new HashMap<>();
        for (Header header : r.headers()) {
            h.put(header.key(), header.value());
        }
        return h;
    }

    @Test
    void a_record_is_keyed_by_the_mqtt_topic_with_its_metadata_as_headers_and_arrival_time() throws Exception {
        SourceRecordMapper mapper = new SourceRecordMapper(SourceTopicTemplate.parse("iot.{1}"), SourcePayloadFormat.STRING, "src-0");
        SourceRecord r = mapper.toRecord(arrived("plant/line-1/temp", "21.5", 2, true), 7);
        assertEquals("iot.line-1", r.topic());
        assertEquals(null, r.kafkaPartition());
        assertEquals(Schema.STRING_SCHEMA, r.keySchema());
        assertEquals("plant/line-1/temp", r.key());
        assertEquals("21.5", r.value());
        assertEquals(1_700_000_000_123L, r.timestamp());
        assertEquals(Map.of("mqtt.topic", "plant/line-1/temp", "mqtt.qos", 2, "mqtt.retained", true,
                "mqtt.duplicate", false, "mqtt.message.id", 0), headers(r));
        assertEquals(Map.of("mqtt.client.id", "src-0"), r.sourcePartition());
        assertEquals(7L, r.sourceOffset().get("received"));
    }

    @Test
    void an_unreadable_payload_fails_conversion_and_its_dead_letter_keeps_the_raw_bytes_and_the_reason() throws Exception {
        SourceRecordMapper mapper = new SourceRecordMapper(SourceTopicTemplate.parse("iot"), SourcePayloadFormat.JSON, "src-0");
        Arrived bad = arrived("a/b", "not json", 1, false);
        BadRecordException e = assertThrows(BadRecordException.class, () -> mapper.toRecord(bad, 1));
        SourceRecord dead = mapper.toDeadLetter(bad, 1, "iot.dlq", e.getMessage());
        assertEquals("iot.dlq", dead.topic());
        assertEquals("a/b", dead.key());
        assertEquals(Schema.BYTES_SCHEMA, dead.valueSchema());
        assertArrayEquals("not json".getBytes(StandardCharsets.UTF_8), (byte[]) dead.value());
        assertEquals(e.getMessage(), headers(dead).get("mqtt.error.reason"));
        assertEquals("json", headers(dead).get("mqtt.error.format"));
    }
}
