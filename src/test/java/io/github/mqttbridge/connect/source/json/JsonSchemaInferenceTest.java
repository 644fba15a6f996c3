package io.github.mqttbridge.connect.source.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class JsonSchemaInferenceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonSchemaInference inference = new JsonSchemaInference();

    private SchemaAndValue typed(String topic, String json) throws Exception {
        return inference.typed(topic, MAPPER.readTree(json));
    }

    @Test
    void numbers_strings_booleans_objects_and_arrays_get_the_connect_types_of_the_mapping_table() throws Exception {
        SchemaAndValue v = typed("iot", "{\"id\":7,\"temp\":21.5,\"ok\":true,\"name\":\"s1\",\"at\":\"2024-05-01T12:00:00Z\","
                + "\"pos\":{\"x\":1.5,\"y\":2},\"tags\":[\"a\",\"b\"],\"readings\":[{\"v\":1},{\"v\":2,\"u\":\"C\"}]}");
        Schema s = v.schema();
        assertEquals("mqtt_iot", s.name());
        assertEquals(1, s.version());
        assertEquals(Schema.Type.INT64, s.field("id").schema().type());
        assertEquals(Schema.Type.FLOAT64, s.field("temp").schema().type());
        assertEquals(Schema.Type.BOOLEAN, s.field("ok").schema().type());
        assertEquals(Schema.Type.STRING, s.field("at").schema().type(), "strings stay strings");
        assertEquals(Schema.Type.INT64, s.field("pos").schema().field("y").schema().type());
        assertEquals(Schema.Type.STRING, s.field("tags").schema().valueSchema().type());
        Schema reading = s.field("readings").schema().valueSchema();
        assertEquals(List.of("v", "u"), reading.fields().stream().map(f -> f.name()).toList(), "elements merged");
        s.fields().forEach(f -> assertTrue(f.schema().isOptional(), f.name()));

        Struct value = (Struct) v.value();
        value.validate();
        assertEquals(7L, value.get("id"));
        assertEquals(2L, value.getStruct("pos").get("y"));
        assertEquals(List.of("a", "b"), value.getArray("tags"));
        assertNull(value.<Struct>getArray("readings").get(0).get("u"));
    }

    @Test
    void a_new_property_becomes_a_new_optional_field_at_the_end_and_a_new_version() throws Exception {
        Schema first = typed("iot", "{\"id\":1,\"temp\":20.0}").schema();
        assertSame(first, typed("iot", "{\"temp\":19.0}").schema(), "a missing property is a null, no change");
        SchemaAndValue grown = typed("iot", "{\"id\":2,\"humidity\":40,\"pos\":{\"x\":1}}");
        assertEquals(List.of("id", "temp", "humidity", "pos"), grown.schema().fields().stream().map(f -> f.name()).toList());
        assertEquals(2, grown.schema().version());
        assertNull(((Struct) grown.value()).get("temp"));
        Schema nested = typed("iot", "{\"pos\":{\"x\":1,\"z\":3}}").schema();
        assertEquals(3, nested.version());
        assertEquals(List.of("x", "z"), nested.field("pos").schema().fields().stream().map(f -> f.name()).toList());
    }

    @Test
    void a_type_conflict_is_a_bad_record_naming_the_field_and_leaves_the_schema_as_it_was() throws Exception {
        Schema first = typed("iot", "{\"id\":1,\"pos\":{\"x\":1},\"tags\":[\"a\"]}").schema();
        for (String conflicting : List.of("{\"id\":\"one\"}", "{\"id\":1.5}", "{\"pos\":{\"x\":true}}",
                "{\"tags\":[1]}", "{\"pos\":[1]}")) {
            BadRecordException e = assertThrows(BadRecordException.class, () -> typed("iot", conflicting), conflicting);
            assertTrue(e.getMessage().startsWith("type conflict at field '$."), e.getMessage());
        }
        BadRecordException e = assertThrows(BadRecordException.class, () -> typed("iot", "{\"pos\":{\"x\":\"far\"}}"));
        assertTrue(e.getMessage().contains("'$.pos.x': inferred as an integer (INT64)"), e.getMessage());
        assertTrue(e.getMessage().contains("a string (\"far\")"), e.getMessage());
        assertSame(first, typed("iot", "{\"id\":2}").schema());
    }

    @Test
    void an_integer_fits_a_float_field_and_nulls_and_empty_arrays_wait_for_a_type() throws Exception {
        typed("iot", "{\"temp\":20.5,\"later\":null,\"list\":[]}");
        SchemaAndValue v = typed("iot", "{\"temp\":21}");
        assertEquals(21.0, ((Struct) v.value()).get("temp"));
        assertNull(v.schema().field("later"));
        assertNull(v.schema().field("list"));
        Schema typedLater = typed("iot", "{\"later\":\"now\",\"list\":[null,3]}").schema();
        assertEquals(Schema.Type.STRING, typedLater.field("later").schema().type());
        assertEquals(Schema.Type.INT64, typedLater.field("list").schema().valueSchema().type());
    }

    @Test
    void each_kafka_topic_has_a_schema_of_its_own() throws Exception {
        typed("a", "{\"x\":1}");
        Schema b = typed("b-2", "{\"x\":\"text\"}").schema();
        assertEquals(Schema.Type.STRING, b.field("x").schema().type());
        assertEquals("mqtt_b_2", b.name());
    }

    @Test
    void only_objects_are_inferred() {
        for (String json : List.of("[1,2]", "42", "\"text\"")) {
            BadRecordException e = assertThrows(BadRecordException.class, () -> typed("iot", json), json);
            assertTrue(e.getMessage().startsWith("schema inference reads JSON objects"), e.getMessage());
        }
    }

    @Test
    void json_converter_with_schemas_writes_and_reads_back_the_inferred_record() throws Exception {
        SchemaAndValue v = typed("iot", "{\"id\":7,\"pos\":{\"x\":1.5},\"tags\":[\"a\"]}");
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        byte[] written = converter.fromConnectData("iot", v.schema(), v.value());
        JsonNode envelope = MAPPER.readTree(written);
        assertEquals("struct", envelope.path("schema").path("type").asText());
        assertEquals("mqtt_iot", envelope.path("schema").path("name").asText());
        SchemaAndValue read = converter.toConnectData("iot", written);
        assertEquals(v.value(), read.value());
    }
}
