package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.client.UserProperty;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SinkMqtt5PropertiesTest {
    private static final long NOW = 1_700_000_100_000L;

    private static SinkRecord record(Long timestamp, ConnectHeaders headers) {
        return new SinkRecord("t", 0, null, "k", Schema.STRING_SCHEMA, "v", 5L, timestamp,
                TimestampType.CREATE_TIME, headers);
    }

    private static SinkMessageProperties properties(String contentType, String responseTopic, String correlation,
                                                    Long expiryMs, boolean countsAge) {
        return new SinkMessageProperties(SinkTextTemplate.parse(contentType), SinkTextTemplate.parse(responseTopic),
                SinkTextTemplate.parse(correlation), expiryMs, countsAge, () -> NOW);
    }

    private static MqttMessage message() {
        MqttMessage m = new MqttMessage(new byte[0]);
        m.setDestinationName("out");
        return m;
    }

    @Test
    void headers_become_user_properties_in_order_with_repeats_except_the_bridges_own() throws Exception {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("site", "plant-7").addInt("line", 3).addBytes("raw", new byte[] {(byte) 0xFF, 0})
                .addBytes("text", "héllo".getBytes(StandardCharsets.UTF_8)).addString("site", "plant-8")
                .addString("mqtt.topic", "in/x").add("empty", null, Schema.OPTIONAL_STRING_SCHEMA)
                .addBoolean("secret.flag", true);
        MqttMessage m = message();
        new HeaderUserProperties(".*", "secret\\..*").addTo(record(null, h), m);
        assertEquals(List.of(new UserProperty("site", "plant-7"), new UserProperty("line", "3"),
                new UserProperty("raw", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, 0})),
                new UserProperty("text", "héllo"), new UserProperty("site", "plant-8"), new UserProperty("empty", "")),
                m.userProperties());
    }

    @Test
    void the_include_pattern_selects_headers_by_their_whole_name() throws Exception {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("trace-id", "a").addString("x-trace-id", "b");
        MqttMessage m = message();
        new HeaderUserProperties("trace-.*", "").addTo(record(null, h), m);
        assertEquals(List.of(new UserProperty("trace-id", "a")), m.userProperties());
    }

    @Test
    void a_header_that_is_no_mqtt_string_makes_a_bad_record_naming_it() {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("nul", "a\u0000b");
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> new HeaderUserProperties(".*", "").addTo(record(null, h), message()));
        assertTrue(e.getMessage().contains("header 'nul'"), e.getMessage());
    }

    @Test
    void the_metadata_headers_the_source_writes_become_the_messages_properties() throws Exception {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("mqtt.content.type", "application/json").addString("mqtt.response.topic", "replies/7")
                .addBytes("mqtt.correlation.data", new byte[] {1, 2, 3}).addLong("mqtt.message.expiry.interval", 60);
        MqttMessage m = message();
        assertTrue(properties("", "", "", null, true).apply(record(NOW - 20_500, h), m));
        assertEquals("application/json", m.contentType());
        assertEquals("replies/7", m.responseTopic());
        assertArrayEquals(new byte[] {1, 2, 3}, m.correlationData());
        assertEquals(40L, m.messageExpiryInterval(), "60 s less the 20.5 s the record has waited, rounded up");
    }

    @Test
    void correlation_data_carried_as_base64_text_by_connects_header_converter_is_decoded() throws Exception {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("mqtt.correlation.data", Base64.getEncoder().encodeToString(new byte[] {9, 8, 7}));
        MqttMessage m = message();
        properties("", "", "", null, true).apply(record(null, h), m);
        assertArrayEquals(new byte[] {9, 8, 7}, m.correlationData());
        ConnectHeaders text = new ConnectHeaders();
        text.addString("mqtt.correlation.data", "req-42!");
        MqttMessage t = message();
        properties("", "", "", null, true).apply(record(null, text), t);
        assertArrayEquals("req-42!".getBytes(StandardCharsets.UTF_8), t.correlationData(), "not Base64: its text");
    }

    @Test
    void configured_templates_win_over_the_headers_and_a_missing_part_is_a_bad_record() throws Exception {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("mqtt.content.type", "text/plain").addString("request-id", "r-1");
        MqttMessage m = message();
        properties("application/json", "replies/{key}", "{header:request-id}", null, true).apply(record(null, h), m);
        assertEquals("application/json", m.contentType());
        assertEquals("replies/k", m.responseTopic());
        assertArrayEquals("r-1".getBytes(StandardCharsets.UTF_8), m.correlationData());
        assertThrows(BadRecordException.class, () -> properties("", "", "{header:absent}", null, true)
                .apply(record(null, new ConnectHeaders()), message()));
    }

    @Test
    void a_response_topic_with_a_wildcard_is_a_bad_record() {
        ConnectHeaders h = new ConnectHeaders();
        h.addString("mqtt.response.topic", "replies/#");
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> properties("", "", "", null, true).apply(record(null, h), message()));
        assertTrue(e.getMessage().contains("replies/#"), e.getMessage());
    }

    @Test
    void a_record_older_than_its_expiry_is_not_published_unless_its_age_is_not_counted() throws Exception {
        SinkRecord old = record(NOW - 61_000, new ConnectHeaders());
        assertFalse(properties("", "", "", 60_000L, true).apply(old, message()));
        MqttMessage m = message();
        assertTrue(properties("", "", "", 60_000L, false).apply(old, m));
        assertEquals(60L, m.messageExpiryInterval());
    }

    @Test
    void no_expiry_anywhere_sets_none_and_a_bad_expiry_header_is_a_bad_record() throws Exception {
        MqttMessage m = message();
        assertTrue(properties("", "", "", null, true).apply(record(NOW, new ConnectHeaders()), m));
        assertNull(m.messageExpiryInterval());
        assertNull(m.contentType());
        ConnectHeaders h = new ConnectHeaders();
        h.addString("mqtt.message.expiry.interval", "soon");
        assertThrows(BadRecordException.class, () -> properties("", "", "", null, true).apply(record(NOW, h),
                message()));
    }
}
