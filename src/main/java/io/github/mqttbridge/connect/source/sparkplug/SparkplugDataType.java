package io.github.mqttbridge.connect.source.sparkplug;

/**
 * The datatypes of the Sparkplug B specification (3.0, the numbers of {@code sparkplug_b.proto}) and the field of
 * the metric Struct that holds each one's value. DataSet and Template keep their encoding in bytesValue.
 */
enum SparkplugDataType {
    UNKNOWN(0, "Unknown", ValueField.BY_WIRE),
    INT8(1, "Int8", ValueField.INT),
    INT16(2, "Int16", ValueField.INT),
    INT32(3, "Int32", ValueField.INT),
    INT64(4, "Int64", ValueField.LONG),
    UINT8(5, "UInt8", ValueField.INT),
    UINT16(6, "UInt16", ValueField.INT),
    UINT32(7, "UInt32", ValueField.LONG),
    UINT64(8, "UInt64", ValueField.LONG),
    FLOAT(9, "Float", ValueField.FLOAT),
    DOUBLE(10, "Double", ValueField.DOUBLE),
    BOOLEAN(11, "Boolean", ValueField.BOOLEAN),
    STRING(12, "String", ValueField.STRING),
    DATETIME(13, "DateTime", ValueField.TIMESTAMP),
    TEXT(14, "Text", ValueField.STRING),
    UUID(15, "UUID", ValueField.STRING),
    DATASET(16, "DataSet", ValueField.BYTES),
    BYTES(17, "Bytes", ValueField.BYTES),
    FILE(18, "File", ValueField.BYTES),
    TEMPLATE(19, "Template", ValueField.BYTES),
    INT8ARRAY(22, "Int8Array", ValueField.INT_ARRAY),
    INT16ARRAY(23, "Int16Array", ValueField.INT_ARRAY),
    INT32ARRAY(24, "Int32Array", ValueField.INT_ARRAY),
    INT64ARRAY(25, "Int64Array", ValueField.LONG_ARRAY),
    UINT8ARRAY(26, "UInt8Array", ValueField.INT_ARRAY),
    UINT16ARRAY(27, "UInt16Array", ValueField.INT_ARRAY),
    UINT32ARRAY(28, "UInt32Array", ValueField.LONG_ARRAY),
    UINT64ARRAY(29, "UInt64Array", ValueField.LONG_ARRAY),
    FLOATARRAY(30, "FloatArray", ValueField.FLOAT_ARRAY),
    DOUBLEARRAY(31, "DoubleArray", ValueField.DOUBLE_ARRAY),
    BOOLEANARRAY(32, "BooleanArray", ValueField.BOOLEAN_ARRAY),
    STRINGARRAY(33, "StringArray", ValueField.STRING_ARRAY),
    DATETIMEARRAY(34, "DateTimeArray", ValueField.TIMESTAMP_ARRAY);

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
    /** The specification's spelling, which the records show. */
    final String specName;
    final ValueField valueField;

    SparkplugDataType(int id, String specName, ValueField valueField) {
        this.id = id;
        this.specName = specName;
        this.valueField = valueField;
    }

    /** UNKNOWN for null and for numbers the specification does not define. */
    static SparkplugDataType of(Integer id) {
        if (id == null || id < 0 || id >= BY_ID.length || BY_ID[id] == null) {
            return UNKNOWN;
        }
        return BY_ID[id];
    }
}
