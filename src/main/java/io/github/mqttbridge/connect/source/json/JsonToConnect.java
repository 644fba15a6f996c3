package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect value of a JSON value under a Connect schema that {@link JsonSchemaInference} or
 * {@link JsonSchemaTyping} made. Properties the schema has no field for are left out; a STRING without a JSON string
 * holds the value's JSON text, which is how JSON of no declared type travels.
 */
final class JsonToConnect {
    private JsonToConnect() {
    }

    /** {@code path} names the value in messages: {@code $} for the payload, {@code $.a.b[]} below it. */
    static Object value(Schema schema, JsonNode node, String path) throws BadRecordException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (schema.isOptional()) {
                return null;
            }
            throw new BadRecordException("field '" + path + "' is missing or null, and its schema requires a value");
        }
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return timestamp(node, path);
        }
        if (Date.LOGICAL_NAME.equals(schema.name())) {
            return date(node, path);
        }
        return switch (schema.type()) {
            case STRUCT -> struct(schema, expect(node, node.isObject(), "an object", path), path);
            case ARRAY -> array(schema, expect(node, node.isArray(), "an array", path), path);
            case MAP -> map(schema, expect(node, node.isObject(), "an object", path), path);
            case INT64 -> expect(node, node.isIntegralNumber() && node.canConvertToLong(), "a 64-bit integer", path)
                    .longValue();
            case FLOAT64 -> expect(node, node.isNumber(), "a number", path).doubleValue();
            case BOOLEAN -> expect(node, node.isBoolean(), "true or false", path).booleanValue();
            case STRING -> node.isTextual() ? node.textValue() : node.toString();
            default -> throw new IllegalStateException("no JSON mapping makes " + schema.type());
        };
    }

    private static Struct struct(Schema schema, JsonNode node, String path) throws BadRecordException {
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            struct.put(field, value(field.schema(), node.get(field.name()), path + "." + field.name()));
        }
        return struct;
    }

    private static List<Object> array(Schema schema, JsonNode node, String path) throws BadRecordException {
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            list.add(value(schema.valueSchema(), element, path + "[]"));
        }
        return list;
    }

    private static Map<String, Object> map(Schema schema, JsonNode node, String path) throws BadRecordException {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            map.put(entry.getKey(), value(schema.valueSchema(), entry.getValue(), path + "." + entry.getKey()));
        }
        return map;
    }

    private static java.util.Date timestamp(JsonNode node, String path) throws BadRecordException {
        String text = expect(node, node.isTextual(), "an ISO-8601 date-time string", path).textValue();
        try {
            return java.util.Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadRecordException("field '" + path + "' holds '" + text + "', not an ISO-8601 date-time with "
                    + "an offset such as 2024-05-01T12:00:00Z");
        }
    }

    private static java.util.Date date(JsonNode node, String path) throws BadRecordException {
        String text = expect(node, node.isTextual(), "an ISO-8601 date string", path).textValue();
        try {
            return java.util.Date.from(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadRecordException("field '" + path + "' holds '" + text + "', not an ISO-8601 date such as "
                    + "2024-05-01");
        }
    }

    private static JsonNode expect(JsonNode node, boolean fits, String expected, String path)
            throws BadRecordException {
        if (!fits) {
            throw new BadRecordException("field '" + path + "' holds " + JsonKinds.describe(node) + " where its schema "
                    + "wants " + expected);
        }
        return node;
    }
}
