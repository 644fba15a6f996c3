package io.github.mqttbridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.TestCertificates;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MqttConnectionConfigTest {
    private static final ConfigDef DEF = MqttConnectionConfig.addConnectionKeys(new ConfigDef(), false);

    private static final class Config extends MqttConnectionConfig {
        Config(Map<String, String> props) {
            super(DEF, props);
        }
    }

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> p = new HashMap<>();
        p.put(MqttConnectionConfig.SERVER_URIS_CONFIG, "tcp://localhost:1883");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void a_bad_server_uri_is_rejected_naming_the_key_the_position_and_the_reason() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Config(props(MqttConnectionConfig.SERVER_URIS_CONFIG, "tcp://a:1883,foo://b:1")));
        assertTrue(e.getMessage().contains("mqtt.server.uris"), e.getMessage());
        assertTrue(e.getMessage().contains("mqtt.server.uris[1]") && e.getMessage().contains("unknown scheme"),
                e.getMessage());
    }

    @Test
    void a_password_without_a_user_name_is_rejected_without_showing_the_password() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Config(props(MqttConnectionConfig.PASSWORD_CONFIG, "s3cret-value")));
        assertTrue(e.getMessage().contains("mqtt.password"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-value"), "the password must not leak: " + e.getMessage());
    }

    @Test
    void pem_and_key_stores_together_are_rejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Config(props(
                MqttConnectionConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, io.github.mqttbridge.testing.TestCertificates.shared().ca().pkcs12().toString(),
                MqttConnectionConfig.SSL_CA_PEM_CONFIG, io.github.mqttbridge.testing.TestCertificates.shared().ca().certPem().toString())));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void a_client_certificate_needs_its_key() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Config(props(MqttConnectionConfig.SSL_CERT_PEM_CONFIG, io.github.mqttbridge.testing.TestCertificates.shared().client().certPem().toString())));
        assertTrue(e.getMessage().contains("mqtt.ssl.key.pem"), e.getMessage());
    }

    @Test
    void task_client_ids_derive_from_the_connector_name_and_are_unique_per_task() {
        Config c = new Config(props());
        assertEquals("my_bridge-0", c.clientId("my bridge", 0));
        assertEquals("my_bridge-2", c.clientId("my bridge", 2));
        assertEquals("plant-7-1", new Config(props(MqttConnectionConfig.CLIENT_ID_CONFIG, "plant-7")).clientId("x", 1));
    }

    @Test
    void connect_options_carry_the_keys() {
        Config c = new Config(props(MqttConnectionConfig.SERVER_URIS_CONFIG, "tcp://a:1883,ssl://b:8883",
                MqttConnectionConfig.USERNAME_CONFIG, "u", MqttConnectionConfig.PASSWORD_CONFIG, "p",
                MqttConnectionConfig.VERSION_CONFIG, "3.1", MqttConnectionConfig.KEEPALIVE_INTERVAL_MS_CONFIG, "30000"));
        var o = c.connectOptions().build();
        assertEquals(2, o.hosts().size());
        assertEquals("u", o.userName().orElseThrow());
        assertEquals(3, o.mqttVersion().orElseThrow());
        assertEquals(30, o.keepAliveInterval().getSeconds());
        assertFalse(o.cleanSession(), "the default given by the connector");
        assertTrue(o.reconnect() && o.retryInitialConnect(), "a task never gives up on its broker");
    }

    @Test
    void tls_contexts_are_built_from_pem_text_pem_files_and_key_stores() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        String caText = Files.readString(certs.ca().certPem());
        assertTrue(new Config(props(MqttConnectionConfig.SSL_CA_PEM_CONFIG, caText)).sslContext().isPresent());
        assertTrue(new Config(props(MqttConnectionConfig.SSL_CA_PEM_CONFIG, certs.ca().certPem().toString(),
                MqttConnectionConfig.SSL_CERT_PEM_CONFIG, certs.client().certPem().toString(),
                MqttConnectionConfig.SSL_KEY_PEM_CONFIG, certs.client().keyPem().toString())).sslContext().isPresent());
        assertTrue(new Config(props(MqttConnectionConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, certs.ca().pkcs12().toString(),
                MqttConnectionConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, new String(TestCertificates.STORE_PASSWORD)))
                .sslContext().isPresent());
        assertTrue(new Config(props()).sslContext().isEmpty(), "no TLS keys: the JVM's defaults");
    }

    @Test
    void unreadable_tls_material_is_a_config_error_naming_the_keys() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Config(props(
                MqttConnectionConfig.SSL_CA_PEM_CONFIG, "-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----"))
                .sslContext());
        assertTrue(e.getMessage().contains("mqtt.ssl"), e.getMessage());
    }

    @Test
    void every_key_has_documentation_and_a_group() {
        for (ConfigDef.ConfigKey key : DEF.configKeys().values()) {
            assertFalse(key.documentation == null || key.documentation.isBlank(), key.name);
            assertTrue(List.of(MqttConnectionConfig.CONNECTION_GROUP, MqttConnectionConfig.TLS_GROUP).contains(key.group),
                    key.name);
        }
    }
}
