package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.source.sparkplug.SparkplugRecords;
import io.github.mqttbridge.connect.task.BadRecordException;
import org.apache.kafka.connect.data.SchemaAndValue;

/** {@code mqtt.payload.format=sparkplug-b}: the reader of {@link SparkplugRecords}, with its own key. */
final class SparkplugPayloads implements PayloadReader {
    static final String CONFIG_NAME = "sparkplug-b";

    private final SparkplugRecords records = new SparkplugRecords();

    @Override
    public Read read(String mqttTopic, String kafkaTopic, byte[] payload) throws BadRecordException {
        SparkplugRecords.Keyed keyed = records.read(mqttTopic, payload);
        return new Read(keyed.key(), new SchemaAndValue(keyed.schema(), keyed.value()));
    }

    @Override
    public String configName() {
        return CONFIG_NAME;
    }

    @Override
    public long unknownAliases() {
        return records.unknownAliases();
    }
}
