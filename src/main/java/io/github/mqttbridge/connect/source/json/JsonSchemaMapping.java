package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schema of a JSON Schema, the table docs/source.md shows: {@code object} with {@code properties}
 * STRUCT (fields in the order declared; optional unless {@code required}), {@code object} without them MAP of
 * STRING to the {@code additionalProperties} type, {@code array} ARRAY of the {@code items} type, {@code integer}
 * INT64, {@code number} FLOAT64, {@code boolean} BOOLEAN, {@code string} STRING, or Timestamp with
 * {@code format: date-time} and Date with {@code format: date}. A type that lists {@code "null"} is optional.
 * Whatever has no single type (no {@code type}, several, {@code oneOf} and the like) is an optional STRING holding
 * the value's JSON text. {@code $ref}s (local ones only) are followed; the validator checks every other keyword.
 */
final class JsonSchemaMapping {
    private static final Schema JSON_TEXT = Schema.OPTIONAL_STRING_SCHEMA;

    private final JsonNode root;
    /** The $refs being followed, so that a recursive schema is refused instead of looping. */
    private final Deque<String> following = new ArrayDeque<>();

    private JsonSchemaMapping(JsonNode root) {
        this.root = root;
    }

    /** Throws {@link IllegalArgumentException} for what no Connect schema can express. */
    static Schema toConnect(JsonNode jsonSchema) {
        if (!jsonSchema.isObject()) {
            throw new IllegalArgumentException("a JSON Schema for the payload is a JSON object, e.g. "
                    + "{\"type\":\"object\",\"properties\":{...}}");
        }
        return new JsonSchemaMapping(jsonSchema).map(jsonSchema, true, "$");
    }

    private Schema map(JsonNode node, boolean required, String path) {
        JsonNode ref = node.get("$ref");
        if (ref != null) {
            return followed(ref.asText(), required, path);
        }
        Set<String> types = types(node);
        boolean nullable = types.remove("null") || !required;
        if (types.size() != 1) {
            return JSON_TEXT;
        }
        SchemaBuilder builder = switch (types.iterator().next()) {
            case "object" -> object(node, path);
            case "array" -> SchemaBuilder.array(items(node.get("items"), path));
            case "integer" -> SchemaBuilder.int64();
            case "number" -> SchemaBuilder.float64();
            case "boolean" -> SchemaBuilder.bool();
            case "string" -> string(node.path("format").asText());
            default -> null;
        };
        if (builder == null) {
            return JSON_TEXT;
        }
        if (node.hasNonNull("description")) {
            builder.doc(node.get("description").asText());
        }
        return nullable ? builder.optional().build() : builder.build();
    }

    private static Set<String> types(JsonNode node) {
        Set<String> types = new HashSet<>();
        JsonNode type = node.get("type");
        if (type == null) {
            if (node.has("properties")) {
                types.add("object");
            }
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private SchemaBuilder object(JsonNode node, String path) {
        JsonNode properties = node.get("properties");
        if (properties == null || !properties.isObject()) {
            JsonNode additional = node.get("additionalProperties");
            Schema values = additional != null && additional.isObject() ? map(additional, false, path + ".*")
                    : JSON_TEXT;
            return SchemaBuilder.map(Schema.STRING_SCHEMA, values);
        }
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        SchemaBuilder struct = SchemaBuilder.struct();
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            struct.field(field.getKey(), map(field.getValue(), required.contains(field.getKey()),
                    path + "." + field.getKey()));
        }
        return struct;
    }

    private Schema items(JsonNode items, String path) {
        return items != null && items.isObject() ? map(items, true, path + "[]") : JSON_TEXT;
    }

    private static SchemaBuilder string(String format) {
        return switch (format) {
            case "date-time" -> Timestamp.builder();
            case "date" -> Date.builder();
            default -> SchemaBuilder.string();
        };
    }

    /** {@code ref} is local: {@link JsonSchemaTyping} refuses every other before mapping. */
    private Schema followed(String ref, boolean required, String path) {
        if (following.contains(ref)) {
            throw new IllegalArgumentException("the $ref '" + ref + "' at " + path + " is recursive, which no "
                    + "Connect schema can express");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("the $ref '" + ref + "' at " + path + " points at nothing in the "
                    + "schema");
        }
        following.push(ref);
        Schema mapped = map(target, required, path);
        following.pop();
        return mapped;
    }
}
