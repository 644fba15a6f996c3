package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import static io.github.mqttbridge.connect.sink.SinkRecords.device;
import static io.github.mqttbridge.connect.sink.SinkRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SinkTopicTemplateTest {
    private static String render(String template, SinkRecord record) throws BadRecordException {
        return SinkTopicTemplate.parse(template).render(record);
    }

    @Test
    void empty_template_is_the_kafka_topic() throws Exception {
        assertEquals("sensors", render("", record("k", "v")));
    }

    @Test
    void fills_every_placeholder() throws Exception {
        SinkRecord r = record("dev-7", device("d1", "lab", 21.5));
        r.headers().addString("tenant", "acme");
        r.headers().addBytes("raw", "bin".getBytes(StandardCharsets.UTF_8));
        assertEquals("t/sensors/3/dev-7/acme/bin/d1/lab/21.5",
                render("t/{topic}/{partition}/{key}/{header:tenant}/{header:raw}/{value.id}/{value.site.name}"
                        + "/{value.temp}", r));
    }

    @Test
    void reads_fields_of_a_map_value_and_of_a_struct_key() throws Exception {
        SinkRecord r = record(device("k9", null, 1), Map.of("room", Map.of("floor", 4)));
        assertEquals("k9/4", render("{key.id}/{value.room.floor}", r));
    }

    @Test
    void double_braces_are_literal_braces() throws Exception {
        assertEquals("a{b}/sensors", render("a{{b}}/{topic}", record("k", "v")));
    }

    @Test
    void the_last_header_of_a_name_wins() throws Exception {
        SinkRecord r = record("k", "v");
        r.headers().addString("h", "first").addString("h", "second");
        assertEquals("second", render("{header:h}", r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{nope}", "a/{value}", "{header:}", "{value.}", "{value.a..b}", "x/{topic", "x}/y"})
    void refuses_bad_syntax_naming_the_problem(String template) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SinkTopicTemplate.parse(template));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void an_unknown_placeholder_is_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SinkTopicTemplate.parse("a/{device}"));
        assertTrue(e.getMessage().contains("{device}"), e.getMessage());
    }

    @Test
    void a_missing_field_is_a_bad_record_naming_it() {
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> render("{value.site.name}", record("k", device("d1", null, 1))));
        assertTrue(e.getMessage().contains("site"), e.getMessage());
        e = assertThrows(BadRecordException.class, () -> render("{value.color}", record("k", device("d", "s", 1))));
        assertTrue(e.getMessage().contains("no field 'color'"), e.getMessage());
    }

    @Test
    void a_field_of_a_value_that_has_no_fields_is_a_bad_record() {
        assertThrows(BadRecordException.class, () -> render("{value.id}", record("k", "plain text")));
    }

    @Test
    void a_missing_header_or_a_null_key_is_a_bad_record() {
        BadRecordException e = assertThrows(BadRecordException.class, () -> render("{header:x}", record("k", "v")));
        assertTrue(e.getMessage().contains("header 'x'"), e.getMessage());
        e = assertThrows(BadRecordException.class, () -> render("d/{key}", record(null, "v")));
        assertTrue(e.getMessage().contains("key is null"), e.getMessage());
    }

    @Test
    void a_struct_in_a_placeholder_is_a_bad_record() {
        assertThrows(BadRecordException.class, () -> render("{value.site}", record("k", device("d", "s", 1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "#", "a/+/b", "a\u0000b"})
    void a_resulting_topic_with_a_wildcard_or_nul_is_a_bad_record(String key) {
        BadRecordException e = assertThrows(BadRecordException.class, () -> render("d/{key}", record(key, "v")));
        assertTrue(e.getMessage().contains("not a valid topic name"), e.getMessage());
    }

    @Test
    void an_empty_resulting_topic_is_a_bad_record() {
        BadRecordException e = assertThrows(BadRecordException.class, () -> render("{key}", record("", "v")));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
