package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Connect values as JSON without connect-json's envelope: Structs and Maps become objects, arrays arrays, bytes
 * base64 strings, Decimal a number, Timestamp an ISO-8601 instant, Date an ISO date and Time an ISO time (UTC).
 * Own code rather than connect-json's JsonConverter, which a plugin cannot count on finding on the worker.
 */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    static byte[] toJsonBytes(Object value) throws BadRecordException {
        try {
            return MAPPER.writeValueAsBytes(toNode(value));
        } catch (JsonProcessingException e) {
            throw new BadRecordException("the value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode toNode(Object value) throws BadRecordException {
        return toNode(null, value);
    }

    /**
     * {@code value} as JSON; {@code schema}, when known (within a Struct), says what the Java type alone cannot: the
     * Date and Time logical types, also as the elements of an array or the values of a map.
     */
    private static JsonNode toNode(Schema schema, Object value) throws BadRecordException {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Struct struct) {
            ObjectNode node = NODES.objectNode();
            for (Field field : struct.schema().fields()) {
                node.set(field.name(), toNode(field.schema(), struct.get(field)));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                node.set(String.valueOf(e.getKey()), toNode(elementSchema(schema), e.getValue()));
            }
            return node;
        }
        if (value instanceof Collection<?> elements) {
            ArrayNode node = NODES.arrayNode();
            for (Object element : elements) {
                node.add(toNode(elementSchema(schema), element));
            }
            return node;
        }
        if (value instanceof Date date && schema != null && schema.name() != null) {
            switch (schema.name()) {
                case org.apache.kafka.connect.data.Date.LOGICAL_NAME:
                    return NODES.textNode(date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString());
                case org.apache.kafka.connect.data.Time.LOGICAL_NAME:
                    return NODES.textNode(date.toInstant().atOffset(ZoneOffset.UTC).toLocalTime().toString());
                default:
                    break;
            }
        }
        return scalarNode(value);
    }

    /** The schema of an array's elements or a map's values; null when unknown. */
    private static Schema elementSchema(Schema container) {
        if (container == null || (container.type() != Schema.Type.ARRAY && container.type() != Schema.Type.MAP)) {
            return null;
        }
        return container.valueSchema();
    }

    private static JsonNode scalarNode(Object value) throws BadRecordException {
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof ByteBuffer buffer) {
            return toNode(SinkPayloadFormat.bytesOf(buffer));
        }
        if (value instanceof Date date) {
            return NODES.textNode(date.toInstant().toString());
        }
        throw new BadRecordException("a " + value.getClass().getName() + " cannot be written as JSON");
    }
}
