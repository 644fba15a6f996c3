package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mqttbridge.client.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        return Arrived.of(m, 1_700_000_000_123L, false);
    }

    private static SourceRecordMapper mapper(String template, SourcePayloadFormat format, String... filters) {
        return new SourceRecordMapper(SourceTopicTemplate.parse(template), format, SourceRecordMapper.partition("src-0"),
                new SubscribedFilters(List.of(filters)), null);
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
        SourceRecordMapper mapper = mapper("iot.{1}", SourcePayloadFormat.STRING, "plant/#");
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
    void an_mqtt5_message_adds_its_user_properties_in_order_with_repeats_and_its_metadata_as_headers() throws Exception {
        MqttMessage m = new MqttMessage("21.5".getBytes(StandardCharsets.UTF_8));
        m.setDestinationName("plant/line-1/temp");
        m.setQos(1);
        m.addUserProperty("site", "plant-7");
        m.addUserProperty("trace", "a");
        m.addUserProperty("site", "plant-8");
        m.setContentType("text/plain");
        m.setResponseTopic("replies/7");
        m.setCorrelationData(new byte[] {1, 2, 3});
        m.setMessageExpiryInterval(60L);
        SourceRecord r = mapper("iot", SourcePayloadFormat.STRING, "other/#", "$share/g/plant/+/temp", "plant/#")
                .toRecord(Arrived.of(m, 1L, true), 1);
        List<String> keys = new ArrayList<>();
        r.headers().forEach(h -> keys.add(h.key()));
        assertEquals(List.of("mqtt.topic", "mqtt.qos", "mqtt.retained", "mqtt.duplicate", "mqtt.message.id",
                "mqtt.content.type", "mqtt.response.topic", "mqtt.correlation.data", "mqtt.message.expiry.interval",
                "mqtt.subscription.filter", "mqtt.subscription.filter", "site", "trace", "site"), keys);
        List<Object> sites = new ArrayList<>();
        r.headers().allWithName("site").forEachRemaining(h -> sites.add(h.value()));
        assertEquals(List.of("plant-7", "plant-8"), sites);
        List<Object> filters = new ArrayList<>();
        r.headers().allWithName("mqtt.subscription.filter").forEachRemaining(h -> filters.add(h.value()));
        assertEquals(List.of("$share/g/plant/+/temp", "plant/#"), filters);
        assertEquals("text/plain", r.headers().lastWithName("mqtt.content.type").value());
        assertEquals("replies/7", r.headers().lastWithName("mqtt.response.topic").value());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) r.headers().lastWithName("mqtt.correlation.data").value());
        assertEquals(60L, r.headers().lastWithName("mqtt.message.expiry.interval").value());
    }

    @Test
    void an_mqtt5_message_without_metadata_gets_only_the_filter_header_and_mqtt3_none_of_them() throws Exception {
        MqttMessage m = new MqttMessage(new byte[] {'1'});
        m.setDestinationName("a/b");
        SourceRecordMapper mapper = mapper("iot", SourcePayloadFormat.STRING, "a/+");
        assertEquals(Map.of("mqtt.topic", "a/b", "mqtt.qos", 0, "mqtt.retained", false, "mqtt.duplicate", false,
                "mqtt.message.id", 0, "mqtt.subscription.filter", "a/+"), headers(mapper.toRecord(Arrived.of(m, 1L, true), 1)));
        assertEquals(5, headers(mapper.toRecord(Arrived.of(m, 1L, false), 1)).size());
    }

    @Test
    void an_unreadable_payload_fails_conversion_and_its_dead_letter_keeps_the_raw_bytes_and_the_reason() throws Exception {
        SourceRecordMapper mapper = mapper("iot", SourcePayloadFormat.JSON, "a/b");
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
