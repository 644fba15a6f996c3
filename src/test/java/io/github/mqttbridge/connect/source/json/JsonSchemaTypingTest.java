package io.github.mqttbridge.connect.source.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemaTypingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String READING = """
            {"type":"object","required":["id","at"],
             "properties":{
               "id":{"type":"integer"},
               "at":{"type":"string","format":"date-time"},
               "day":{"type":"string","format":"date"},
               "temp":{"type":["number","null"],"description":"degrees Celsius"},
               "ok":{"type":"boolean"},
               "pos":{"$ref":"#/$defs/position"},
               "tags":{"type":"array","items":{"type":"string"}},
               "labels":{"type":"object","additionalProperties":{"type":"string"}},
               "extra":{},
               "either":{"type":["string","integer"]}},
             "$defs":{"position":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}}}}}
            """;

    private static JsonSchemaTyping typing(String schema) throws Exception {
        return JsonSchemaTyping.of(MAPPER.readTree(schema));
    }

    @Test
    void the_json_schema_gives_the_connect_schema_of_the_mapping_table() throws Exception {
        Schema s = typing(READING).schema();
        assertEquals(Schema.Type.STRUCT, s.type());
        assertFalse(s.isOptional());
        assertEquals(Schema.INT64_SCHEMA, s.field("id").schema(), "required: not optional");
        assertEquals(Timestamp.SCHEMA, s.field("at").schema());
        assertEquals(org.apache.kafka.connect.data.Date.builder().optional().build(), s.field("day").schema());
        assertEquals(Schema.Type.FLOAT64, s.field("temp").schema().type());
        assertTrue(s.field("temp").schema().isOptional());
        assertEquals("degrees Celsius", s.field("temp").schema().doc());
        assertEquals(Schema.OPTIONAL_BOOLEAN_SCHEMA, s.field("ok").schema());
        assertEquals(List.of("x", "y"), s.field("pos").schema().fields().stream().map(f -> f.name()).toList());
        assertEquals(Schema.STRING_SCHEMA, s.field("tags").schema().valueSchema());
        assertEquals(Schema.Type.MAP, s.field("labels").schema().type());
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, s.field("extra").schema(), "untyped: JSON text");
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, s.field("either").schema(), "several types: JSON text");
    }

    @Test
    void a_valid_payload_becomes_a_struct_with_timestamps_and_json_text() throws Exception {
        Struct v = (Struct) typing(READING).typed("t", MAPPER.readTree("""
                {"id":1,"at":"2024-05-01T14:00:00+02:00","day":"2024-05-01","temp":null,"pos":{"x":1,"y":2.5},
                 "tags":["a"],"labels":{"k":"v"},"extra":{"any":[1,2]},"either":3,"undeclared":true}
                """)).value();
        v.validate();
        assertEquals(Date.from(Instant.parse("2024-05-01T12:00:00Z")), v.get("at"));
        assertEquals(Date.from(Instant.parse("2024-05-01T00:00:00Z")), v.get("day"));
        assertNull(v.get("temp"));
        assertEquals(1.0, v.getStruct("pos").get("x"));
        assertEquals(Map.of("k", "v"), v.getMap("labels"));
        assertEquals("{\"any\":[1,2]}", v.get("extra"));
        assertEquals("3", v.get("either"));
    }

    @Test
    void a_payload_that_fails_validation_is_a_bad_record_that_says_where() throws Exception {
        BadRecordException e = assertThrows(BadRecordException.class, () -> typing(READING).typed("t",
                MAPPER.readTree("{\"id\":\"seven\",\"at\":\"2024-05-01T12:00:00Z\"}")));
        assertTrue(e.getMessage().startsWith("the payload does not match the JSON Schema"), e.getMessage());
        assertTrue(e.getMessage().contains("$.id: "), e.getMessage());
        BadRecordException missing = assertThrows(BadRecordException.class, () -> typing(READING).typed("t",
                MAPPER.readTree("{\"id\":1}")));
        assertTrue(missing.getMessage().contains("at"), missing.getMessage());
        BadRecordException badTime = assertThrows(BadRecordException.class, () -> typing(READING).typed("t",
                MAPPER.readTree("{\"id\":1,\"at\":\"yesterday\"}")));
        assertTrue(badTime.getMessage().contains("at"), badTime.getMessage());
    }

    @Test
    void schemas_no_connect_schema_can_express_or_that_are_not_json_schemas_are_refused() {
        for (String bad : List.of("[1]", "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://example.com/s.json\"}}}",
                "{\"$defs\":{\"n\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/$defs/n\"}}}},\"$ref\":\"#/$defs/n\"}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}",
                "{\"type\":5}",
                "{\"properties\":{\"a\":{\"not\":{\"$ref\":\"http://127.0.0.1:1/a.json\"}}}}",
                "{\"$schema\":\"http://127.0.0.1:1/meta\"}")) {
            assertThrows(IllegalArgumentException.class, () -> typing(bad), bad);
        }
    }

    @Test
    void the_drafts_the_validator_ships_are_accepted_by_their_schema_ids() throws Exception {
        for (String draft : List.of("http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-04/schema",
                "https://json-schema.org/draft/2019-09/schema")) {
            JsonSchemaTyping typing = typing("{\"$schema\":\"" + draft + "\",\"properties\":{\"a\":{\"type\":\"integer\"}}}");
            assertThrows(BadRecordException.class, () -> typing.typed("t", MAPPER.readTree("{\"a\":\"x\"}")), draft);
        }
    }

    @Test
    void the_setting_reads_none_infer_inline_schemas_and_files(@TempDir Path dir) throws Exception {
        assertTrue(PayloadSchemaSetting.typing(" None ").isEmpty());
        assertTrue(PayloadSchemaSetting.typing("infer").orElseThrow() instanceof JsonSchemaInference);
        assertTrue(PayloadSchemaSetting.typing(READING).orElseThrow() instanceof JsonSchemaTyping);
        Path file = Files.writeString(dir.resolve("reading.json"), READING);
        assertTrue(PayloadSchemaSetting.typing(file.toString()).orElseThrow() instanceof JsonSchemaTyping);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PayloadSchemaSetting.typing(dir.resolve("missing.json").toString()));
        assertTrue(e.getMessage().contains("neither none, infer, a JSON Schema"), e.getMessage());
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> PayloadSchemaSetting.typing("{\"type\":"));
        assertTrue(notJson.getMessage().startsWith("the JSON Schema is not JSON"), notJson.getMessage());
    }
}
