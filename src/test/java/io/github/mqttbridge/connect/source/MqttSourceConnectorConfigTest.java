package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code validate()} reports through the REST API: each mistake on the key to fix, with what to do. */
class MqttSourceConnectorConfigTest {
    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "src");
        props.put("mqtt.server.uris", "tcp://localhost:1883");
        props.put("mqtt.topics", "sensors/+/temperature,$share/g/devices/#");
        props.put("kafka.topic", "iot.{0}");
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        return new MqttSourceConnector().validate(props).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void a_valid_config_has_no_errors_and_parses_with_the_documented_defaults() {
        assertEquals(Map.of(), errors(valid()));
        MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(valid());
        assertEquals(1, config.qos());
        assertFalse(config.cleanSession());
        assertEquals(SourcePayloadFormat.BYTES, config.payloadReader());
    }

    @Test
    void the_payload_reader_follows_the_format_and_the_schema_setting() {
        Map<String, String> props = valid();
        props.put("mqtt.payload.format", "JSON");
        assertEquals(SourcePayloadFormat.JSON, new MqttSourceConnectorConfig(props).payloadReader());
        props.put("mqtt.payload.schema", "infer");
        MqttSourceConnectorConfig typed = new MqttSourceConnectorConfig(props);
        assertInstanceOf(TypedJsonPayloads.class, typed.payloadReader());
        assertNotSame(typed.payloadReader(), typed.payloadReader(), "each task infers its own schemas");
        props.put("mqtt.payload.format", "Sparkplug-B");
        props.put("mqtt.payload.schema", "none");
        PayloadReader sparkplug = new MqttSourceConnectorConfig(props).payloadReader();
        assertInstanceOf(SparkplugPayloads.class, sparkplug);
        assertEquals("sparkplug-b", sparkplug.configName());
    }

    @Test
    void a_schema_with_a_format_it_does_not_apply_to_is_reported_on_the_schema_key() {
        Map<String, String> props = valid();
        props.put("mqtt.payload.format", "sparkplug-b");
        props.put("mqtt.payload.schema", "infer");
        assertEquals(Set.of("mqtt.payload.schema"), errors(props).keySet());
        assertTrue(errors(props).get("mqtt.payload.schema").get(0).contains("applies to mqtt.payload.format=json"));
    }

    @ParameterizedTest(name = "{0}={1} -> error on {2}")
    @CsvSource(delimiter = '|', value = {
            "mqtt.server.uris|http://broker:1883|mqtt.server.uris|http",
            "mqtt.topics|a/#/b|mqtt.topics|'#'",
            "mqtt.topics|a/b+|mqtt.topics|'+'",
            "mqtt.topics|$share//a|mqtt.topics|group",
            "mqtt.topics|$share/g|mqtt.topics|topic filter after",
            "mqtt.qos|3|mqtt.qos|2",
            "kafka.topic|iot.{name}|kafka.topic|{topic}",
            "kafka.topic|iot.{1|kafka.topic|unbalanced",
            "kafka.topic|iot.{2}|kafka.topic|sure to have only levels",
            "mqtt.payload.format|xml|mqtt.payload.format|JSON",
            "mqtt.errors.deadletterqueue.topic.name|bad topic!|mqtt.errors.deadletterqueue.topic.name|a-z",
    })
    void each_mistake_is_reported_on_its_key_with_what_to_fix(String key, String value, String errorKey,
                                                              String hint) {
        Map<String, String> props = valid();
        props.put(key, value);
        Map<String, List<String>> errors = errors(props);
        assertEquals(List.of(errorKey), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get(errorKey).get(0).contains(hint), errors.toString());
    }

    @Test
    void a_level_beyond_a_trailing_hash_is_a_missing_capture() {
        Map<String, String> props = valid();
        props.put("mqtt.topics", "sensors/#");
        props.put("kafka.topic", "iot.{1}");
        List<String> messages = errors(props).get("kafka.topic");
        assertTrue(messages.get(0).contains("'sensors/#'") && messages.get(0).contains("levels 0 to 0"),
                messages.toString());
    }

    @Test
    void pem_and_key_stores_together_are_reported_by_the_shared_rules() {
        Map<String, String> props = valid();
        props.put("mqtt.ssl.truststore.location", io.github.mqttbridge.testing.TestCertificates.shared().ca().pkcs12().toString());
        props.put("mqtt.ssl.ca.pem", io.github.mqttbridge.testing.TestCertificates.shared().ca().certPem().toString());
        assertEquals(List.of("mqtt.ssl.ca.pem"), List.copyOf(errors(props).keySet()));
    }

    @Test
    void the_constructor_refuses_what_validate_reports() {
        Map<String, String> props = valid();
        props.put("kafka.topic", "iot.{5}");
        ConfigException e = assertThrows(ConfigException.class, () -> new MqttSourceConnectorConfig(props));
        assertTrue(e.getMessage().contains("kafka.topic"), e.getMessage());
    }
}
