package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * {@code mqtt.payload.schema=infer}: one Struct schema per Kafka topic, inferred from the JSON objects that go
 * there. It only grows the way a schema registry accepts as backward compatible: a property never seen before
 * becomes a new optional field at the end of its struct, and every field is optional, so a property left out is a
 * null. A value whose JSON type differs from the one its field was inferred with is a type conflict, a
 * {@link BadRecordException} naming the field; the schema stays as it was.
 *
 * <p>The mapping: string STRING, true/false BOOLEAN, an integer that fits 64 bits INT64, any other number FLOAT64
 * (an integer in a FLOAT64 field is accepted, a fraction in an INT64 field is a conflict), object STRUCT, array
 * ARRAY of the merged type of its elements. A property that was only ever null, or an array only ever empty, has
 * no type yet and gets its field when a value shows one. Strings stay strings: a guess at timestamps would change a
 * field's type on a lucky string, so typed timestamps take a JSON Schema.
 *
 * <p>One instance per task; the schemas live as long as the task, so a restarted task infers afresh (the first
 * payload after a restart may give a shorter schema, which is still a compatible one). Not thread-safe: a task's
 * poll() is its only caller.
 */
public final class JsonSchemaInference implements JsonTyping {
    private final Map<String, Schema> schemas = new HashMap<>();

    @Override
    public SchemaAndValue typed(String kafkaTopic, JsonNode payload) throws BadRecordException {
        if (!payload.isObject()) {
            throw new BadRecordException("schema inference reads JSON objects, and the payload is "
                    + JsonKinds.describe(payload));
        }
        Schema known = schemas.get(kafkaTopic);
        Schema merged = merge(known, payload, "$");
        if (merged != known) {
            merged = named(merged, kafkaTopic, known == null ? 1 : known.version() + 1);
            schemas.put(kafkaTopic, merged);
        }
        return new SchemaAndValue(merged, JsonToConnect.value(merged, payload, "$"));
    }

    /** The root schema with the name and version a schema registry shows; the version counts the evolutions. */
    private static Schema named(Schema root, String kafkaTopic, int version) {
        SchemaBuilder builder = SchemaBuilder.struct().name(rootName(kafkaTopic)).version(version).optional();
        root.fields().forEach(f -> builder.field(f.name(), f.schema()));
        return builder.build();
    }

    /** A name valid in Avro too: Kafka topic names may hold '-' and start with a digit. */
    static String rootName(String kafkaTopic) {
        return "mqtt_" + kafkaTopic.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * {@code known} widened to also describe {@code node}: the same instance when nothing changed, null while
     * nothing is known.
     */
    private static Schema merge(Schema known, JsonNode node, String path) throws BadRecordException {
        if (node.isNull()) {
            return known;
        }
        if (known == null) {
            return merge(node, path);
        }
        switch (known.type()) {
            case STRUCT -> {
                return node.isObject() ? mergeStruct(known, node, path) : conflict(known, node, path);
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    return conflict(known, node, path);
                }
                Schema elements = mergeElements(known.valueSchema(), node, path);
                return elements == known.valueSchema() ? known : SchemaBuilder.array(elements).optional().build();
            }
            case STRING -> {
                return node.isTextual() ? known : conflict(known, node, path);
            }
            case BOOLEAN -> {
                return node.isBoolean() ? known : conflict(known, node, path);
            }
            case INT64 -> {
                return node.isIntegralNumber() && node.canConvertToLong() ? known : conflict(known, node, path);
            }
            case FLOAT64 -> {
                return node.isNumber() ? known : conflict(known, node, path);
            }
            default -> throw new IllegalStateException("inference makes no " + known.type());
        }
    }

    /** The schema of a value seen first; null for an array with no typed element yet. */
    private static Schema merge(JsonNode node, String path) throws BadRecordException {
        return switch (node.getNodeType()) {
            case OBJECT -> mergeStruct(SchemaBuilder.struct().optional().build(), node, path);
            case ARRAY -> {
                Schema elements = mergeElements(null, node, path);
                yield elements == null ? null : SchemaBuilder.array(elements).optional().build();
            }
            case STRING -> Schema.OPTIONAL_STRING_SCHEMA;
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? Schema.OPTIONAL_INT64_SCHEMA
                    : Schema.OPTIONAL_FLOAT64_SCHEMA;
            default -> null;
        };
    }

    private static Schema mergeElements(Schema known, JsonNode array, String path) throws BadRecordException {
        Schema elements = known;
        for (JsonNode element : array) {
            elements = merge(elements, element, path + "[]");
        }
        return elements;
    }

    private static Schema mergeStruct(Schema known, JsonNode object, String path) throws BadRecordException {
        Map<String, Schema> fields = new java.util.LinkedHashMap<>();
        boolean changed = false;
        for (Field field : known.fields()) {
            JsonNode value = object.get(field.name());
            Schema merged = value == null ? field.schema() : merge(field.schema(), value, path + "." + field.name());
            changed |= merged != field.schema();
            fields.put(field.name(), merged);
        }
        Iterator<Map.Entry<String, JsonNode>> properties = object.fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (fields.containsKey(property.getKey())) {
                continue;
            }
            Schema added = merge(property.getValue(), path + "." + property.getKey());
            if (added != null) {
                fields.put(property.getKey(), added);
                changed = true;
            }
        }
        if (!changed) {
            return known;
        }
        SchemaBuilder builder = SchemaBuilder.struct().optional();
        fields.forEach(builder::field);
        return builder.build();
    }

    private static Schema conflict(Schema known, JsonNode node, String path) throws BadRecordException {
        throw new BadRecordException("type conflict at field '" + path + "': inferred as " + describe(known)
                + " from earlier payloads, now " + JsonKinds.describe(node) + "; the schema only gains new optional "
                + "fields, so this payload cannot be typed (publish the field's first type, or give a JSON Schema)");
    }

    private static String describe(Schema schema) {
        return switch (schema.type()) {
            case STRUCT -> "an object (STRUCT)";
            case ARRAY -> "an array (ARRAY)";
            case INT64 -> "an integer (INT64)";
            case FLOAT64 -> "a number (FLOAT64)";
            default -> "a " + schema.type().getName() + " (" + schema.type() + ")";
        };
    }
}
