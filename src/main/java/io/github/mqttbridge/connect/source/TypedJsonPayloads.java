package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.source.json.JsonTyping;
import io.github.mqttbridge.connect.task.BadRecordException;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * {@code mqtt.payload.format=json} with a {@code mqtt.payload.schema} other than none: the payload as a value with a
 * Connect schema, keyed by the MQTT topic like the other formats. An empty payload, which clears a retained message,
 * is a null value, as with schemaless JSON.
 */
final class TypedJsonPayloads implements PayloadReader {
    private final JsonTyping typing;

    TypedJsonPayloads(JsonTyping typing) {
        this.typing = typing;
    }

    @Override
    public Read read(String mqttTopic, String kafkaTopic, byte[] payload) throws BadRecordException {
        if (payload.length == 0) {
            return new Read(mqttTopic, new SchemaAndValue(null, null));
        }
        return new Read(mqttTopic, typing.typed(kafkaTopic, SourcePayloadFormat.parse(payload)));
    }

    @Override
    public String configName() {
        return SourcePayloadFormat.JSON.configName();
    }
}
