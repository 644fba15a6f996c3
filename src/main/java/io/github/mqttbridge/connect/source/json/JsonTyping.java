package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mqttbridge.connect.task.BadRecordException;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * How a parsed JSON payload gets a Connect schema: inferred per Kafka topic ({@link JsonSchemaInference}) or given
 * by a JSON Schema ({@link JsonSchemaTyping}). A payload that does not fit is a {@link BadRecordException}.
 */
public interface JsonTyping {
    SchemaAndValue typed(String kafkaTopic, JsonNode payload) throws BadRecordException;
}
