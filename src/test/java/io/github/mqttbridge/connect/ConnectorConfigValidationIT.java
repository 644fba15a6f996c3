package io.github.mqttbridge.connect;

import static io.github.mqttbridge.connect.MqttConnectionConfig.*;
import static io.github.mqttbridge.connect.MqttVersionKeys.*;
import static io.github.mqttbridge.connect.tls.TlsKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.sink.MqttSinkConnectorConfig;
import io.github.mqttbridge.connect.sink.SinkMqtt5Keys;
import io.github.mqttbridge.connect.source.ExactlyOnceKeys;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnectorConfig;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.TestCertificates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of both connectors, with the wrong values a user could write, through the worker's
 * {@code PUT /connector-plugins/{class}/config/validate}: each must be rejected on the key to fix (and on no
 * other), with a message that says what to fix. A key added to a ConfigDef without a row here fails
 * {@link #every_key_of_every_connector_has_a_row}.
 */
class ConnectorConfigValidationIT {
    private static final TestCertificates CERTS = TestCertificates.shared();
    private static final String STORE_PASSWORD = new String(TestCertificates.STORE_PASSWORD);

    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());

    enum Plugin {
        SOURCE(MqttSourceConnector.class.getName(), MqttSourceConnectorConfig.configDef(),
                Map.of("mqtt.topics", "sensors/+/temp", "kafka.topic", "iot.{1}")),
        SINK(MqttSinkConnector.class.getName(), MqttSinkConnectorConfig.configDef(), Map.of("topics", "commands"));

        final String connectorClass;
        final ConfigDef definition;
        final Map<String, String> required;

        Plugin(String connectorClass, ConfigDef definition, Map<String, String> required) {
            this.connectorClass = connectorClass;
            this.definition = definition;
            this.required = required;
        }

        Map<String, String> validConfig() {
            Map<String, String> config = new LinkedHashMap<>(required);
            config.put("name", "validate-" + name().toLowerCase());
            config.put("connector.class", connectorClass);
            config.put("tasks.max", "1");
            config.put(SERVER_URIS_CONFIG, "tcp://127.0.0.1:1883");
            return config;
        }
    }

    /**
     * {@code key}: the key given a wrong value; {@code errorKey}: where the error must show, usually the same
     * key (a missing partner key is reported on the key the user has to add or change).
     */
    record Row(Plugin plugin, String key, Map<String, String> values, String errorKey, String expected) {
        @Override
        public String toString() {
            return plugin + " " + values + " -> " + errorKey + ": '" + expected + "'";
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Plugin plugin : Plugin.values()) {
            rows.addAll(connectionRows(plugin));
        }
        rows.addAll(sourceRows());
        rows.addAll(sinkRows());
        return rows;
    }

    private static List<Row> connectionRows(Plugin p) {
        String caPem = CERTS.ca().certPem().toString();
        String clientCert = CERTS.client().certPem().toString();
        String clientKey = CERTS.client().keyPem().toString();
        String trustStore = CERTS.ca().pkcs12().toString();
        String keyStore = CERTS.client().pkcs12().toString();
        return List.of(
                row(p, SERVER_URIS_CONFIG, "", "give at least one broker URI"),
                row(p, SERVER_URIS_CONFIG, "http://127.0.0.1:1883", "unknown scheme 'http'"),
                row(p, SERVER_URIS_CONFIG, "127.0.0.1:1883", "scheme"),
                row(p, SERVER_URIS_CONFIG, "tcp://127.0.0.1:1883,tcp://127.0.0.1:99999", "port out of range 1-65535"),
                row(p, SERVER_URIS_CONFIG, "tcp://:1883", "host"),
                row(p, SERVER_URIS_CONFIG, "tcp://broker local:1883", "not a valid URI"),
                row(p, CLIENT_ID_CONFIG, "bridge\u0000one", "U+0000"),
                row(p, CLIENT_ID_CONFIG, "x".repeat(65_536), "at most 65535 bytes"),
                row(p, USERNAME_CONFIG, "bridge\u0000user", "U+0000"),
                row(p, PASSWORD_CONFIG, Map.of(PASSWORD_CONFIG, "pw"), PASSWORD_CONFIG, "needs mqtt.username"),
                row(p, CLEAN_SESSION_CONFIG, "yes", "true or false"),
                row(p, KEEPALIVE_INTERVAL_MS_CONFIG, "-1", "at least 0"),
                row(p, KEEPALIVE_INTERVAL_MS_CONFIG, "65535001", "no more than 65535000"),
                row(p, KEEPALIVE_INTERVAL_MS_CONFIG, "60s", "Not a number of type LONG"),
                row(p, CONNECT_TIMEOUT_MS_CONFIG, "0", "at least 1"),
                row(p, VERSION_CONFIG, "6", "3.1.1, 3.1, 5, auto"),
                row(p, SESSION_EXPIRY_INTERVAL_MS_CONFIG, Map.of(VERSION_CONFIG, "5",
                        SESSION_EXPIRY_INTERVAL_MS_CONFIG, "1500"), SESSION_EXPIRY_INTERVAL_MS_CONFIG, "whole seconds"),
                row(p, SESSION_EXPIRY_INTERVAL_MS_CONFIG, "60000", "applies to MQTT 5 only, and mqtt.version is 3.1.1"),
                row(p, RECEIVE_MAXIMUM_CONFIG, "0", "at least 1"),
                row(p, RECEIVE_MAXIMUM_CONFIG, Map.of(VERSION_CONFIG, "3.1", RECEIVE_MAXIMUM_CONFIG, "100"),
                        RECEIVE_MAXIMUM_CONFIG, "set mqtt.version to 5 or auto"),
                row(p, MAXIMUM_PACKET_SIZE_CONFIG, "1", "at least 2"),
                row(p, MAXIMUM_PACKET_SIZE_CONFIG, "65536", "applies to MQTT 5 only"),
                row(p, RECONNECT_BACKOFF_MIN_MS_CONFIG, "0", "at least 1"),
                row(p, RECONNECT_BACKOFF_MAX_MS_CONFIG,
                        Map.of(RECONNECT_BACKOFF_MIN_MS_CONFIG, "5000", RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000"),
                        RECONNECT_BACKOFF_MAX_MS_CONFIG, "must not be less than mqtt.reconnect.backoff.min.ms"),
                row(p, SSL_TRUSTSTORE_LOCATION_CONFIG, "/nonexistent/trust.p12", "no readable file"),
                row(p, SSL_TRUSTSTORE_LOCATION_CONFIG, Map.of(SSL_TRUSTSTORE_LOCATION_CONFIG, caPem,
                        SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD), SSL_TRUSTSTORE_LOCATION_CONFIG,
                        "check the file and the store type"),
                row(p, SSL_TRUSTSTORE_PASSWORD_CONFIG, Map.of(SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore,
                        SSL_TRUSTSTORE_PASSWORD_CONFIG, "wrong"), SSL_TRUSTSTORE_PASSWORD_CONFIG,
                        "the password does not open"),
                row(p, SSL_TRUSTSTORE_PASSWORD_CONFIG, Map.of(SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD),
                        SSL_TRUSTSTORE_PASSWORD_CONFIG, "needs mqtt.ssl.truststore.location"),
                row(p, SSL_TRUSTSTORE_TYPE_CONFIG, "PEM", "JKS, PKCS12"),
                row(p, SSL_KEYSTORE_LOCATION_CONFIG, "/nonexistent/client.p12", "no readable file"),
                row(p, SSL_KEYSTORE_PASSWORD_CONFIG, Map.of(SSL_KEYSTORE_LOCATION_CONFIG, keyStore),
                        SSL_KEYSTORE_PASSWORD_CONFIG, "needs its password"),
                row(p, SSL_KEYSTORE_PASSWORD_CONFIG, Map.of(SSL_KEYSTORE_LOCATION_CONFIG, keyStore,
                        SSL_KEYSTORE_PASSWORD_CONFIG, "wrong"), SSL_KEYSTORE_PASSWORD_CONFIG,
                        "the password does not open"),
                row(p, SSL_KEYSTORE_TYPE_CONFIG, "P12", "JKS, PKCS12"),
                row(p, SSL_KEY_PASSWORD_CONFIG, Map.of(SSL_KEYSTORE_LOCATION_CONFIG, keyStore,
                        SSL_KEYSTORE_PASSWORD_CONFIG, STORE_PASSWORD, SSL_KEY_PASSWORD_CONFIG, "wrong"),
                        SSL_KEY_PASSWORD_CONFIG, "does not unlock the key"),
                row(p, SSL_KEY_PASSWORD_CONFIG, Map.of(SSL_KEY_PASSWORD_CONFIG, STORE_PASSWORD),
                        SSL_KEY_PASSWORD_CONFIG, "needs mqtt.ssl.keystore.location"),
                row(p, SSL_CA_PEM_CONFIG, "/nonexistent/ca.pem", "nor a readable file"),
                row(p, SSL_CA_PEM_CONFIG, clientKey, "holds no PEM block 'BEGIN CERTIFICATE'"),
                row(p, SSL_CA_PEM_CONFIG, Map.of(SSL_CA_PEM_CONFIG, caPem, SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore,
                        SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD), SSL_CA_PEM_CONFIG, "not both"),
                row(p, SSL_CERT_PEM_CONFIG, Map.of(SSL_CERT_PEM_CONFIG, clientCert), SSL_CERT_PEM_CONFIG,
                        "a client certificate needs its key"),
                row(p, SSL_CERT_PEM_CONFIG, Map.of(SSL_CERT_PEM_CONFIG, clientKey, SSL_KEY_PEM_CONFIG, clientKey),
                        SSL_CERT_PEM_CONFIG, "holds no PEM block 'BEGIN CERTIFICATE'"),
                row(p, SSL_KEY_PEM_CONFIG, Map.of(SSL_KEY_PEM_CONFIG, clientKey), SSL_CERT_PEM_CONFIG,
                        "a client certificate needs its key"),
                row(p, SSL_KEY_PEM_CONFIG, Map.of(SSL_CERT_PEM_CONFIG, clientCert, SSL_KEY_PEM_CONFIG, clientCert),
                        SSL_KEY_PEM_CONFIG, "no 'BEGIN PRIVATE KEY'"),
                row(p, SSL_HOSTNAME_VERIFICATION_CONFIG, "off", "true or false"),
                row(p, SSL_ALPN_PROTOCOLS_CONFIG, "mqtt," + "x".repeat(256),
                        SSL_ALPN_PROTOCOLS_CONFIG + "[1] must be 1 to 255 bytes"));
    }

    private static List<Row> sourceRows() {
        Plugin p = Plugin.SOURCE;
        return List.of(
                row(p, MqttSourceConnectorConfig.TOPICS_CONFIG, "", "give at least one MQTT topic filter"),
                row(p, MqttSourceConnectorConfig.TOPICS_CONFIG, "sensors/#/temp", "'#' only as the whole last level"),
                row(p, MqttSourceConnectorConfig.TOPICS_CONFIG, "sensors/te+mp", "'+'"),
                row(p, MqttSourceConnectorConfig.TOPICS_CONFIG, "$share/group", "needs a topic filter after $share/group/"),
                row(p, MqttSourceConnectorConfig.QOS_CONFIG, "3", "no more than 2"),
                row(p, ExactlyOnceKeys.HEARTBEAT_TOPIC_CONFIG, "", "give a Kafka topic name"),
                row(p, ExactlyOnceKeys.HEARTBEAT_TOPIC_CONFIG, "heart beats", "holds only"),
                row(p, MqttSourceConnectorConfig.QOS_CONFIG, "one", "Not a number of type INT"),
                row(p, MqttSourceConnectorConfig.KAFKA_TOPIC_CONFIG, "iot.{5}", "'sensors/+/temp'"),
                row(p, MqttSourceConnectorConfig.KAFKA_TOPIC_CONFIG, "iot.{1", "{"),
                row(p, MqttSourceConnectorConfig.KAFKA_TOPIC_CONFIG, "iot.{name}", "{name}"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_FORMAT_CONFIG, "xml", "SPARKPLUG-B"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, jsonWithSchema("{\"type\":"),
                        MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "the JSON Schema is not JSON"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, jsonWithSchema("{\"type\":5}"),
                        MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "not a valid JSON Schema"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, jsonWithSchema("/nonexistent/reading.json"),
                        MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "nor a readable file"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG,
                        jsonWithSchema("{\"properties\":{\"a\":{\"$ref\":\"https://example.com/a.json\"}}}"),
                        MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "only local references"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "infer", "applies to mqtt.payload.format=json only"),
                row(p, MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG,
                        Map.of(MqttSourceConnectorConfig.PAYLOAD_FORMAT_CONFIG, "sparkplug-b",
                                MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "infer"),
                        MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, "Sparkplug records have a schema of their own"),
                row(p, MqttSourceConnectorConfig.QUEUE_MAX_MESSAGES_CONFIG, "0", "at least 1"),
                row(p, MqttSourceConnectorConfig.QUEUE_MAX_BYTES_CONFIG, "16MB", "Not a number of type LONG"),
                row(p, MqttSourceConnectorConfig.POLL_BATCH_SIZE_CONFIG, "0", "at least 1"),
                row(p, MqttSourceConnectorConfig.POLL_TIMEOUT_MS_CONFIG, "60001", "no more than 60000"),
                row(p, MqttSourceConnectorConfig.DLQ_TOPIC_CONFIG, "bad topic!", "a Kafka topic name holds only"));
    }

    private static List<Row> sinkRows() {
        Plugin p = Plugin.SINK;
        return List.of(
                row(p, MqttSinkConnectorConfig.TOPIC_CONFIG, "devices/+/commands", "MQTT wildcard"),
                row(p, MqttSinkConnectorConfig.TOPIC_CONFIG, "devices/{unknown}", "{unknown}"),
                row(p, MqttSinkConnectorConfig.TOPIC_CONFIG, "devices/{key", "{"),
                row(p, MqttSinkConnectorConfig.QOS_CONFIG, "3", "no more than 2"),
                row(p, MqttSinkConnectorConfig.RETAINED_CONFIG, "1", "true or false"),
                row(p, MqttSinkConnectorConfig.PAYLOAD_FORMAT_CONFIG, "xml", "auto"),
                row(p, MqttSinkConnectorConfig.PAYLOAD_FORMAT_CONFIG, "field:", "field:"),
                row(p, MqttSinkConnectorConfig.TOMBSTONE_BEHAVIOR_CONFIG, "delete", "clear-retained"),
                row(p, MqttSinkConnectorConfig.MAX_INFLIGHT_CONFIG, "65536", "no more than 65535"),
                row(p, MqttSinkConnectorConfig.MAX_INFLIGHT_QOS2_CONFIG, "0", "at least 1"),
                row(p, MqttSinkConnectorConfig.MAX_OUTSTANDING_CONFIG, "0", "at least 1"),
                row(p, MqttSinkConnectorConfig.RETRY_BACKOFF_MS_CONFIG, "0", "at least 1"),
                row(p, MqttSinkConnectorConfig.RETRY_TIMEOUT_MS_CONFIG, "-1", "at least 0"),
                row(p, SinkMqtt5Keys.HEADERS_INCLUDE_CONFIG, "[a-", "Illegal character range"),
                row(p, SinkMqtt5Keys.HEADERS_EXCLUDE_CONFIG, "(secret", "Unclosed group"),
                row(p, SinkMqtt5Keys.CONTENT_TYPE_CONFIG, "{header:type", "unclosed '{'"),
                row(p, SinkMqtt5Keys.RESPONSE_TOPIC_CONFIG, "replies/{device}", "unknown placeholder {device}"),
                row(p, SinkMqtt5Keys.CORRELATION_DATA_CONFIG, "{header:id}}x}", "unmatched '}'"),
                row(p, SinkMqtt5Keys.MESSAGE_EXPIRY_INTERVAL_MS_CONFIG, "-1", "at least 0"),
                row(p, SinkMqtt5Keys.MESSAGE_EXPIRY_COUNTS_RECORD_AGE_CONFIG, "maybe", "true or false"),
                row(p, SinkMqtt5Keys.OUTBOUND_TOPIC_ALIASES_CONFIG, "65536", "no more than 65535"),
                row(p, SinkMqtt5Keys.OUTBOUND_TOPIC_ALIASES_CONFIG, "16", "applies to MQTT 5 only"));
    }

    /** {@code mqtt.payload.schema} set next to the format it applies to, so that only the schema is wrong. */
    private static Map<String, String> jsonWithSchema(String schema) {
        return Map.of(MqttSourceConnectorConfig.PAYLOAD_FORMAT_CONFIG, "json",
                MqttSourceConnectorConfig.PAYLOAD_SCHEMA_CONFIG, schema);
    }

    private static Row row(Plugin plugin, String key, String value, String expected) {
        return new Row(plugin, key, Map.of(key, value), key, expected);
    }

    private static Row row(Plugin plugin, String key, Map<String, String> values, String errorKey, String expected) {
        return new Row(plugin, key, values, errorKey, expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Plugin.class)
    void the_base_config_of_each_row_is_valid(Plugin plugin) {
        ConnectRest.Validation v = cluster.get().rest().validate(plugin.connectorClass, plugin.validConfig());
        assertEquals(0, v.errorCount(), v.errors().toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void a_wrong_value_is_rejected_on_its_key_with_what_to_fix(Row row) {
        Map<String, String> config = row.plugin.validConfig();
        config.putAll(row.values);
        ConnectRest.Validation v = cluster.get().rest().validate(row.plugin.connectorClass, config);
        assertEquals(Set.of(row.errorKey), v.errors().keySet(), "errors: " + v.errors());
        List<String> messages = v.errors().get(row.errorKey);
        assertTrue(messages.stream().anyMatch(m -> m.contains(row.expected)),
                "expected '" + row.expected + "' in " + messages);
    }

    @Test
    void every_key_of_every_connector_has_a_row() {
        for (Plugin plugin : Plugin.values()) {
            Set<String> covered = rows().stream().filter(r -> r.plugin == plugin).map(Row::key)
                    .collect(Collectors.toSet());
            Set<String> missing = new TreeSet<>(plugin.definition.names());
            missing.removeAll(covered);
            assertEquals(Set.of(), missing, plugin + " keys without a wrong-value row");
        }
    }
}
