package io.github.mqttbridge.connect.source.sparkplug;

/**
 * One metric of a Sparkplug B payload as it was on the wire: what the publisher left out is null. {@code value} is
 * the set field of the {@code value} oneof: a Long for int_value (as unsigned 32 bits) and long_value, a Float, a
 * Double, a Boolean, a String, or the bytes of bytes_value, dataset_value or template_value.
 */
record SparkplugMetric(String name, Long alias, Long timestamp, Integer datatype, Boolean isHistorical,
                       Boolean isTransient, Boolean isNull, Object value) {

    /** The same metric with the name and datatype its BIRTH declared, where the publisher left them out. */
    SparkplugMetric declaredAs(String declaredName, Integer declaredType) {
        return new SparkplugMetric(name == null ? declaredName : name, alias, timestamp,
                datatype == null || datatype == 0 ? declaredType : datatype, isHistorical, isTransient, isNull, value);
    }
}
