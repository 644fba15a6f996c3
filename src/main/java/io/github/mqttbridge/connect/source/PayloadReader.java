package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads a task's payloads into record keys and values, per {@code mqtt.payload.format} and
 * {@code mqtt.payload.schema} ({@link MqttSourceConnectorConfig#payloadReader()}). One per task: schema inference and
 * Sparkplug aliases remember what earlier payloads said. Called from poll() only.
 */
interface PayloadReader {
    /** The record key and value of a payload; throws {@link BadRecordException} when this reader cannot read it. */
    Read read(String mqttTopic, String kafkaTopic, byte[] payload) throws BadRecordException;

    /** The {@code mqtt.payload.format} value, for logs and the dead letter header. */
    String configName();

    /** Sparkplug DATA messages refused for an alias no BIRTH declared; 0 for the other formats. */
    default long unknownAliases() {
        return 0;
    }

    /** {@code key} is a string: the MQTT topic, or the Sparkplug node or device. */
    record Read(String key, SchemaAndValue value) {
    }
}
