package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class SourcePayloadFormatTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bytes_pass_through_unchanged() throws Exception {
        byte[] payload = {0, (byte) 0xff, 42};
        SchemaAndValue v = SourcePayloadFormat.BYTES.convert(payload);
        assertEquals(Schema.BYTES_SCHEMA, v.schema());
        assertArrayEquals(payload, (byte[]) v.value());
    }

    @Test
    void strings_are_strict_utf8() throws Exception {
        assertEquals(new SchemaAndValue(Schema.STRING_SCHEMA, "22.5 °C"), SourcePayloadFormat.STRING.convert(utf8("22.5 °C")));
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> SourcePayloadFormat.STRING.convert(new byte[] {(byte) 0xc3, 0x28}));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void json_becomes_a_schemaless_value_that_connects_json_converter_accepts() throws Exception {
        SchemaAndValue v = SourcePayloadFormat.JSON.convert(utf8(
                "{\"id\":7,\"big\":123456789012345678901234,\"t\":21.5,\"ok\":true,\"tags\":[\"a\",null],\"o\":{}}"));
        assertNull(v.schema());
        Map<String, Object> expected = new HashMap<>();
        expected.put("id", 7L);
        expected.put("big", 1.2345678901234568E23);
        expected.put("t", 21.5);
        expected.put("ok", true);
        expected.put("tags", Arrays.asList("a", null));
        expected.put("o", Map.of());
        assertEquals(expected, v.value());

        // The worker's JsonConverter must take the value as it is, or every record would fail in the framework.
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        byte[] written = converter.fromConnectData("t", null, v.value());
        assertEquals(expected, converter.toConnectData("t", written).value());
    }

    @Test
    void json_scalars_and_the_empty_payload() throws Exception {
        assertEquals(List.of(1L, 2L), SourcePayloadFormat.JSON.convert(utf8("[1,2]")).value());
        assertEquals("x", SourcePayloadFormat.JSON.convert(utf8("\"x\"")).value());
        assertEquals(new SchemaAndValue(null, null), SourcePayloadFormat.JSON.convert(new byte[0]));
    }

    @Test
    void invalid_json_says_why() {
        for (String bad : List.of("{\"a\":", "{} {}", "temp=21", "\u00ff")) {
            BadRecordException e = assertThrows(BadRecordException.class, () -> SourcePayloadFormat.JSON.convert(utf8(bad)),
                    bad);
            assertTrue(e.getMessage().contains("not one JSON document"), e.getMessage());
        }
    }
}
