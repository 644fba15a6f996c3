package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import static io.github.mqttbridge.connect.sink.SinkRecords.device;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class SinkPayloadFormatTest {
    private static String text(String format, Object value) throws BadRecordException {
        return new String(SinkPayloadFormat.parse(format).encode(value), StandardCharsets.UTF_8);
    }

    @Test
    void auto_sends_bytes_as_they_are() throws Exception {
        byte[] raw = {0, (byte) 0xff, 7};
        assertArrayEquals(raw, SinkPayloadFormat.parse("auto").encode(raw));
        assertArrayEquals(raw, SinkPayloadFormat.parse("auto").encode(ByteBuffer.wrap(raw)));
    }

    @Test
    void auto_sends_strings_unquoted_and_numbers_as_text() throws Exception {
        assertEquals("héllo", text("auto", "héllo"));
        assertEquals("42", text("auto", 42));
        assertEquals("true", text("auto", true));
    }

    @Test
    void auto_sends_a_struct_as_json() throws Exception {
        assertEquals("{\"id\":\"d1\",\"site\":{\"name\":\"lab\"},\"temp\":21.5,\"note\":null}",
                text("auto", device("d1", "lab", 21.5)));
    }

    @Test
    void auto_sends_a_map_and_a_list_as_json() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put(2, List.of("x", "y"));
        assertEquals("{\"a\":1,\"2\":[\"x\",\"y\"]}", text("auto", map));
    }

    @Test
    void json_quotes_strings_and_encodes_bytes_as_base64() throws Exception {
        assertEquals("\"hi\"", text("json", "hi"));
        assertEquals("\"AP8=\"", text("json", new byte[] {0, (byte) 0xff}));
        assertEquals("{\"a\":true}", text("json", Map.of("a", true)));
    }

    @Test
    void json_writes_logical_types_readably() throws Exception {
        Schema schema = SchemaBuilder.struct()
                .field("price", Decimal.schema(2))
                .field("at", Timestamp.SCHEMA)
                .field("day", Date.SCHEMA)
                .build();
        Struct s = new Struct(schema).put("price", new BigDecimal("12.34"))
                .put("at", new java.util.Date(86_400_000L + 1000))
                .put("day", new java.util.Date(86_400_000L));
        assertEquals("{\"price\":12.34,\"at\":\"1970-01-02T00:00:01Z\",\"day\":\"1970-01-02\"}", text("json", s));
    }

    @Test
    void bytes_refuses_anything_but_bytes() throws Exception {
        assertArrayEquals(new byte[] {1}, SinkPayloadFormat.parse("bytes").encode(new byte[] {1}));
        BadRecordException e = assertThrows(BadRecordException.class, () -> SinkPayloadFormat.parse("bytes").encode("text"));
        assertTrue(e.getMessage().contains("String"), e.getMessage());
    }

    @Test
    void string_takes_text_and_scalars_but_not_structs() throws Exception {
        assertEquals("abc", text("string", "abc"));
        assertEquals("1.5", text("string", 1.5));
        assertThrows(BadRecordException.class, () -> text("string", device("d", "s", 1)));
        assertThrows(BadRecordException.class, () -> text("string", new byte[] {1}));
    }

    @Test
    void field_sends_one_field_converted_as_auto() throws Exception {
        assertEquals("lab", text("field:site.name", device("d1", "lab", 1)));
        assertEquals("{\"name\":\"lab\"}", text("field:site", device("d1", "lab", 1)));
        assertEquals("5", text("field:n", Map.of("n", 5)));
    }

    @Test
    void a_missing_or_null_field_is_a_bad_record() {
        assertThrows(BadRecordException.class, () -> text("field:color", device("d1", "lab", 1)));
        assertThrows(BadRecordException.class, () -> text("field:note", device("d1", "lab", 1)));
        assertThrows(BadRecordException.class, () -> text("field:id", "not a struct"));
    }

    @Test
    void unknown_formats_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> SinkPayloadFormat.parse("xml"));
        assertThrows(IllegalArgumentException.class, () -> SinkPayloadFormat.parse("field:"));
    }
}
