package io.github.mqttbridge.connect.source.sparkplug;

/**
 * The datatypes of the Sparkplug B specification (3.0, the numbers of {@code sparkplug_b.proto}) and the field of
 * the metric Struct that holds each one's value. DataSet and Template keep their encoding in bytesValue.
 */
enum SparkplugDataType {
    UNKNOWN(0, ValueField.BY_WIRE),
    INT8(1, ValueField.INT), INT16(2, ValueField.INT), INT32(3, ValueField.INT), INT64(4, ValueField.LONG),
    UINT8(5, ValueField.INT), UINT16(6, ValueField.INT), UINT32(7, ValueField.LONG), UINT64(8, ValueField.LONG),
    FLOAT(9, ValueField.FLOAT), DOUBLE(10, ValueField.DOUBLE), BOOLEAN(11, ValueField.BOOLEAN),
    STRING(12, ValueField.STRING), DATETIME(13, ValueField.TIMESTAMP), TEXT(14, ValueField.STRING),
    UUID(15, ValueField.STRING), DATASET(16, ValueField.BYTES), BYTES(17, ValueField.BYTES), FILE(18, ValueField.BYTES),
    TEMPLATE(19, ValueField.BYTES),
    INT8ARRAY(22, ValueField.INT_ARRAY), INT16ARRAY(23, ValueField.INT_ARRAY), INT32ARRAY(24, ValueField.INT_ARRAY),
    INT64ARRAY(25, ValueField.LONG_ARRAY), UINT8ARRAY(26, ValueField.INT_ARRAY), UINT16ARRAY(27, ValueField.INT_ARRAY),
    UINT32ARRAY(28, ValueField.LONG_ARRAY), UINT64ARRAY(29, ValueField.LONG_ARRAY),
    FLOATARRAY(30, ValueField.FLOAT_ARRAY), DOUBLEARRAY(31, ValueField.DOUBLE_ARRAY),
    BOOLEANARRAY(32, ValueField.BOOLEAN_ARRAY), STRINGARRAY(33, ValueField.STRING_ARRAY),
    DATETIMEARRAY(34, ValueField.TIMESTAMP_ARRAY);

    /** The field of the metric Struct a datatype's value goes into. */
    enum ValueField {
        INT("intValue"), LONG("longValue"), FLOAT("floatValue"), DOUBLE("doubleValue"), BOOLEAN("booleanValue"),
        STRING("stringValue"), TIMESTAMP("timestampValue"), BYTES("bytesValue"),
        INT_ARRAY("intArrayValue"), LONG_ARRAY("longArrayValue"), FLOAT_ARRAY("floatArrayValue"),
        DOUBLE_ARRAY("doubleArrayValue"), BOOLEAN_ARRAY("booleanArrayValue"), STRING_ARRAY("stringArrayValue"),
        TIMESTAMP_ARRAY("timestampArrayValue"),
        /** No datatype known: the field follows the protobuf field the value came in. */
        BY_WIRE(null);

        final String fieldName;

        ValueField(String fieldName) {
            this.fieldName = fieldName;
        }
    }

    private static final SparkplugDataType[] BY_ID = new SparkplugDataType[35];

    static {
        for (SparkplugDataType type : values()) {
            BY_ID[type.id] = type;
        }
    }

    final int id;
    final ValueField valueField;

    SparkplugDataType(int id, ValueField valueField) {
        this.id = id;
        this.valueField = valueField;
    }

    /** UNKNOWN for null and for numbers the specification does not define. */
    static SparkplugDataType of(Integer id) {
        if (id == null || id < 0 || id >= BY_ID.length || BY_ID[id] == null) {
            return UNKNOWN;
        }
        return BY_ID[id];
    }

    /** The specification's spelling, e.g. {@code Int32}, {@code DateTime}, {@code UInt64}. */
    String specName() {
        return switch (this) {
            case UINT8, UINT16, UINT32, UINT64 -> "UInt" + name().substring(4);
            case INT8ARRAY, INT16ARRAY, INT32ARRAY, INT64ARRAY -> "Int" + name().substring(3, name().length() - 5) + "Array";
            case UINT8ARRAY, UINT16ARRAY, UINT32ARRAY, UINT64ARRAY ->
                    "UInt" + name().substring(4, name().length() - 5) + "Array";
            case DATETIME -> "DateTime";
            case DATASET -> "DataSet";
            case UUID -> "UUID";
            case FLOATARRAY, DOUBLEARRAY, BOOLEANARRAY, STRINGARRAY -> capitalized(name().substring(0,
                    name().length() - 5)) + "Array";
            case DATETIMEARRAY -> "DateTimeArray";
            default -> capitalized(name());
        };
    }

    private static String capitalized(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
