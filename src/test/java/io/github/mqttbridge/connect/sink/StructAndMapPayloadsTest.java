package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.connect.source.json.JsonSchemaInference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * The sink's half of the symmetry with the source: what the sink publishes, with {@code mqtt.payload.format} json
 * or auto, for the values the worker's converter hands it. A Struct of the source's inferred schema, after a trip
 * through Kafka with JsonConverter, and a schemaless Map come out as the JSON that went in.
 */
class StructAndMapPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "readings";

    private static String publish(String format, Object value) throws Exception {
        return new String(SinkPayloadFormat.parse(format).encode(value), StandardCharsets.UTF_8);
    }

    /** What a sink task's converter gives for the bytes a source task's converter wrote. */
    private static SchemaAndValue throughKafka(JsonConverter converter, SchemaAndValue record) {
        return converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, record.schema(), record.value()));
    }

    private static JsonConverter jsonConverter(boolean schemas) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
        return converter;
    }

    @Test
    void a_struct_of_an_inferred_schema_publishes_as_the_json_it_was_inferred_from() throws Exception {
        JsonSchemaInference inference = new JsonSchemaInference();
        String first = "{\"id\":1,\"temp\":20.5,\"ok\":true,\"pos\":{\"x\":1,\"y\":-2},\"tags\":[\"a\",\"b\"]}";
        SchemaAndValue record = throughKafka(jsonConverter(true), inference.typed(TOPIC, JSON.readTree(first)));

        assertEquals(Schema.Type.STRUCT, record.schema().type());
        for (String format : List.of("json", "auto")) {
            assertEquals(JSON.readTree(first), JSON.readTree(publish(format, record.value())), format);
        }
    }

    @Test
    void an_inferred_struct_publishes_properties_the_payload_left_out_as_null_and_integers_of_a_float_field_as_floats()
            throws Exception {
        JsonSchemaInference inference = new JsonSchemaInference();
        inference.typed(TOPIC, JSON.readTree("{\"id\":1,\"temp\":20.5,\"pos\":{\"x\":1}}"));
        SchemaAndValue later = inference.typed(TOPIC, JSON.readTree("{\"id\":2,\"temp\":21,\"humidity\":40}"));

        assertEquals("{\"id\":2,\"temp\":21.0,\"pos\":null,\"humidity\":40}",
                publish("json", throughKafka(jsonConverter(true), later).value()));
    }

    @Test
    void a_map_from_json_without_schemas_publishes_as_the_json_that_was_produced() throws Exception {
        String produced = "{\"id\":\"pump-7\",\"on\":false,\"speed\":1200,\"ratio\":0.25,\"setpoints\":[1,2.5,null],"
                + "\"limits\":{\"max\":{\"rpm\":3000}},\"note\":null}";
        JsonConverter converter = jsonConverter(false);
        Object value = converter.toConnectData(TOPIC, produced.getBytes(StandardCharsets.UTF_8)).value();

        assertInstanceOf(Map.class, value);
        for (String format : List.of("json", "auto")) {
            JsonNode published = JSON.readTree(publish(format, value));
            assertEquals(JSON.readTree(produced), published, format);
        }
    }

    @Test
    void dates_and_times_in_arrays_and_maps_of_a_struct_keep_their_logical_types() throws Exception {
        Schema schema = SchemaBuilder.struct()
                .field("days", SchemaBuilder.array(Date.SCHEMA).build())
                .field("shifts", SchemaBuilder.map(Schema.STRING_SCHEMA, Time.SCHEMA).build())
                .build();
        Struct value = new Struct(schema)
                .put("days", List.of(new java.util.Date(86_400_000L)))
                .put("shifts", Map.of("early", new java.util.Date(6 * 3_600_000L)));

        assertEquals("{\"days\":[\"1970-01-02\"],\"shifts\":{\"early\":\"06:00\"}}", publish("json", value));
    }
}
