package io.github.mqttbridge.connect.source.sparkplug;

import io.github.mqttbridge.connect.source.sparkplug.SparkplugDataType.ValueField;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schema of Sparkplug records and the Structs of it. A metric's value is in the one field its datatype
 * names ({@link SparkplugDataType}): Int8, Int16, Int32, UInt8, UInt16 in intValue; Int64, UInt32, UInt64 in
 * longValue (a UInt64 above 2^63-1 as its two's complement); Float floatValue; Double doubleValue; Boolean
 * booleanValue; String, Text, UUID stringValue; DateTime timestampValue; Bytes, File, DataSet and Template their
 * encoding in bytesValue; the arrays ({@link SparkplugArrays}) the array field of their element's scalar field
 * (Int8Array intArrayValue, UInt64Array longArrayValue, DateTimeArray timestampArrayValue, ...). A null metric
 * (is_null) has none set.
 */
final class SparkplugStructs {
    static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();

    static final Schema METRIC = SchemaBuilder.struct().name("io.github.mqttbridge.sparkplug.Metric").version(1)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("alias", Schema.OPTIONAL_INT64_SCHEMA)
            .field("timestamp", OPTIONAL_TIMESTAMP)
            .field("datatype", Schema.OPTIONAL_STRING_SCHEMA)
            .field("isHistorical", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("isTransient", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("isNull", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field(ValueField.INT.fieldName, Schema.OPTIONAL_INT32_SCHEMA)
            .field(ValueField.LONG.fieldName, Schema.OPTIONAL_INT64_SCHEMA)
            .field(ValueField.FLOAT.fieldName, Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field(ValueField.DOUBLE.fieldName, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(ValueField.BOOLEAN.fieldName, Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field(ValueField.STRING.fieldName, Schema.OPTIONAL_STRING_SCHEMA)
            .field(ValueField.TIMESTAMP.fieldName, OPTIONAL_TIMESTAMP)
            .field(ValueField.BYTES.fieldName, Schema.OPTIONAL_BYTES_SCHEMA)
            .field(ValueField.INT_ARRAY.fieldName, optionalArray(Schema.INT32_SCHEMA))
            .field(ValueField.LONG_ARRAY.fieldName, optionalArray(Schema.INT64_SCHEMA))
            .field(ValueField.FLOAT_ARRAY.fieldName, optionalArray(Schema.FLOAT32_SCHEMA))
            .field(ValueField.DOUBLE_ARRAY.fieldName, optionalArray(Schema.FLOAT64_SCHEMA))
            .field(ValueField.BOOLEAN_ARRAY.fieldName, optionalArray(Schema.BOOLEAN_SCHEMA))
            .field(ValueField.STRING_ARRAY.fieldName, optionalArray(Schema.STRING_SCHEMA))
            .field(ValueField.TIMESTAMP_ARRAY.fieldName, optionalArray(Timestamp.SCHEMA))
            .build();

    static final Schema MESSAGE = SchemaBuilder.struct().name("io.github.mqttbridge.sparkplug.Message").version(1)
            .field("group", Schema.OPTIONAL_STRING_SCHEMA)
            .field("edgeNode", Schema.OPTIONAL_STRING_SCHEMA)
            .field("device", Schema.OPTIONAL_STRING_SCHEMA)
            .field("messageType", Schema.STRING_SCHEMA)
            .field("seq", Schema.OPTIONAL_INT64_SCHEMA)
            .field("timestamp", OPTIONAL_TIMESTAMP)
            .field("metrics", SchemaBuilder.array(METRIC).build())
            .field("hostId", Schema.OPTIONAL_STRING_SCHEMA)
            .field("online", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();

    private SparkplugStructs() {
    }

    private static Schema optionalArray(Schema elements) {
        return SchemaBuilder.array(elements).optional().build();
    }

    /** A message of an edge node or device; the metrics carry their names and datatypes already resolved. */
    static Struct message(SparkplugTopic topic, SparkplugPayload payload, List<Struct> metrics) {
        return new Struct(MESSAGE)
                .put("group", topic.group())
                .put("edgeNode", topic.edgeNode())
                .put("device", topic.device())
                .put("messageType", topic.type().name())
                .put("seq", payload.seq())
                .put("timestamp", date(payload.timestamp()))
                .put("metrics", metrics);
    }

    /** A host application's STATE. */
    static Struct state(SparkplugTopic topic, boolean online, Long timestamp) {
        return new Struct(MESSAGE)
                .put("messageType", topic.type().name())
                .put("timestamp", date(timestamp))
                .put("metrics", List.of())
                .put("hostId", topic.hostId())
                .put("online", online);
    }

    static Struct metric(SparkplugMetric m) throws BadRecordException {
        SparkplugDataType type = SparkplugDataType.of(m.datatype());
        Struct struct = new Struct(METRIC)
                .put("name", m.name())
                .put("alias", m.alias())
                .put("timestamp", date(m.timestamp()))
                .put("datatype", type == SparkplugDataType.UNKNOWN ? null : type.specName)
                .put("isHistorical", m.isHistorical())
                .put("isTransient", m.isTransient())
                .put("isNull", m.isNull());
        if (m.value() != null && !Boolean.TRUE.equals(m.isNull())) {
            ValueField field = type.valueField == ValueField.BY_WIRE ? byWire(m.value()) : type.valueField;
            struct.put(field.fieldName, value(field, type, m));
        }
        return struct;
    }

    private static ValueField byWire(Object value) {
        if (value instanceof Long) {
            return ValueField.LONG;
        } else if (value instanceof Float) {
            return ValueField.FLOAT;
        } else if (value instanceof Double) {
            return ValueField.DOUBLE;
        } else if (value instanceof Boolean) {
            return ValueField.BOOLEAN;
        } else if (value instanceof String) {
            return ValueField.STRING;
        }
        return ValueField.BYTES;
    }

    private static Object value(ValueField field, SparkplugDataType type, SparkplugMetric m) throws BadRecordException {
        Object raw = m.value();
        boolean fits = switch (field) {
            case INT, LONG, TIMESTAMP -> raw instanceof Long;
            case FLOAT, DOUBLE -> raw instanceof Float || raw instanceof Double;
            case BOOLEAN -> raw instanceof Boolean;
            case STRING -> raw instanceof String;
            case BYTES, INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY, DOUBLE_ARRAY, BOOLEAN_ARRAY, STRING_ARRAY, TIMESTAMP_ARRAY ->
                    raw instanceof byte[];
            case BY_WIRE -> true;
        };
        if (!fits) {
            throw new BadRecordException("metric '" + (m.name() == null ? "alias " + m.alias() : m.name()) + "' is a "
                    + type.specName + " but its value is a " + raw.getClass().getSimpleName() + " on the wire");
        }
        return switch (field) {
            case INT -> integer(type, (Long) raw);
            case LONG -> type == SparkplugDataType.UINT32 ? (Long) raw & 0xFFFF_FFFFL : raw;
            case FLOAT -> ((Number) raw).floatValue();
            case DOUBLE -> ((Number) raw).doubleValue();
            case TIMESTAMP -> new Date((Long) raw);
            case INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY, DOUBLE_ARRAY, BOOLEAN_ARRAY, STRING_ARRAY, TIMESTAMP_ARRAY ->
                    SparkplugArrays.decode(type, (byte[]) raw);
            default -> raw;
        };
    }

    /** The wire has the two's complement in 32 (or 64) bits; the datatype says how many of them count. */
    private static Integer integer(SparkplugDataType type, long raw) {
        return switch (type) {
            case INT8 -> (int) (byte) raw;
            case INT16 -> (int) (short) raw;
            case UINT8 -> (int) (raw & 0xFF);
            case UINT16 -> (int) (raw & 0xFFFF);
            default -> (int) raw;
        };
    }

    private static Date date(Long millis) {
        return millis == null ? null : new Date(millis);
    }
}
