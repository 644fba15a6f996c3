package io.github.mqttbridge.connect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.MqttConnectionConfig;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.testing.TestCertificates;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The TLS keys: rules that join them, files read only by validation and by the task, and the SSLContext built
 * from key stores, PEM files and PEM text.
 */
class TlsKeysTest {
    private static final ConfigDef DEF = MqttConnectionConfig.addConnectionKeys(new ConfigDef(), false);
    private static final TestCertificates CERTS = TestCertificates.shared();
    private static final String STORE_PASSWORD = new String(TestCertificates.STORE_PASSWORD);

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> p = new HashMap<>();
        p.put(MqttConnectionConfig.SERVER_URIS_CONFIG, "tcp://localhost:1883");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static MqttConnectionConfig config(Map<String, String> props) {
        return new MqttConnectionConfig(DEF, props, CrossFieldRules.NONE) {
        };
    }

    @Test
    void pem_and_key_stores_together_are_rejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> config(props(
                TlsKeys.SSL_TRUSTSTORE_LOCATION_CONFIG, CERTS.ca().pkcs12().toString(),
                TlsKeys.SSL_CA_PEM_CONFIG, CERTS.ca().certPem().toString())));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void a_client_certificate_needs_its_key() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config(props(TlsKeys.SSL_CERT_PEM_CONFIG, CERTS.client().certPem().toString())));
        assertTrue(e.getMessage().contains("mqtt.ssl.key.pem"), e.getMessage());
    }

    @Test
    void parsing_a_config_reads_no_file_the_validation_and_the_task_do() {
        Map<String, String> props = props(TlsKeys.SSL_TRUSTSTORE_LOCATION_CONFIG, "/nonexistent/trust.p12",
                TlsKeys.SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD,
                TlsKeys.SSL_KEYSTORE_LOCATION_CONFIG, CERTS.client().pkcs12().toString(),
                TlsKeys.SSL_KEYSTORE_PASSWORD_CONFIG, "wrong");
        MqttConnectionConfig config = config(props);

        AbstractConfig parsed = new AbstractConfig(DEF, props, false);
        Map<String, String> problems = TlsFileChecks.fileProblems(parsed);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(TlsKeys.SSL_TRUSTSTORE_LOCATION_CONFIG).contains("no readable file"), problems.toString());
        ConfigException e = assertThrows(ConfigException.class, config::connectOptions);
        assertTrue(e.getMessage().contains("mqtt.ssl"), e.getMessage());
    }

    @Test
    void a_store_is_opened_with_its_password_when_every_file_is_there() {
        Map<String, String> wrongPassword = props(TlsKeys.SSL_KEYSTORE_LOCATION_CONFIG,
                CERTS.client().pkcs12().toString(), TlsKeys.SSL_KEYSTORE_PASSWORD_CONFIG, "wrong");
        AbstractConfig parsed = new AbstractConfig(DEF, wrongPassword, false);
        assertEquals(Map.of(), TlsFileChecks.fileProblems(parsed));
        Map<String, String> problems = TlsFileChecks.storeProblems(parsed);
        assertEquals(Map.of(TlsKeys.SSL_KEYSTORE_PASSWORD_CONFIG, "the password does not open "
                + CERTS.client().pkcs12()), problems);
    }

    @Test
    void a_pem_file_is_read_by_the_validation_pem_text_by_the_keys_validator() {
        String keyFile = CERTS.client().keyPem().toString();
        Map<String, String> keyAsCa = props(TlsKeys.SSL_CA_PEM_CONFIG, keyFile);
        config(keyAsCa);
        String problem = TlsFileChecks.fileProblems(new AbstractConfig(DEF, keyAsCa, false)).get(TlsKeys.SSL_CA_PEM_CONFIG);
        assertTrue(problem.contains("holds no PEM block 'BEGIN CERTIFICATE'"), problem);

        ConfigException e = assertThrows(ConfigException.class,
                () -> config(props(TlsKeys.SSL_CA_PEM_CONFIG, "-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----")));
        assertTrue(e.getMessage().contains("mqtt.ssl.ca.pem"), e.getMessage());
    }

    @Test
    void a_store_location_must_be_a_path_name() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config(props(TlsKeys.SSL_TRUSTSTORE_LOCATION_CONFIG, "trust\u0000.p12")));
        assertTrue(e.getMessage().contains("not a path name"), e.getMessage());
    }

    @Test
    void tls_contexts_are_built_from_pem_text_pem_files_and_key_stores() throws Exception {
        String caText = Files.readString(CERTS.ca().certPem());
        assertTrue(TlsContextFactory.from(config(props(TlsKeys.SSL_CA_PEM_CONFIG, caText))).isPresent());
        assertTrue(TlsContextFactory.from(config(props(TlsKeys.SSL_CA_PEM_CONFIG, CERTS.ca().certPem().toString(),
                TlsKeys.SSL_CERT_PEM_CONFIG, CERTS.client().certPem().toString(),
                TlsKeys.SSL_KEY_PEM_CONFIG, CERTS.client().keyPem().toString()))).isPresent());
        assertTrue(TlsContextFactory.from(config(props(TlsKeys.SSL_TRUSTSTORE_LOCATION_CONFIG,
                CERTS.ca().pkcs12().toString(), TlsKeys.SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD))).isPresent());
        assertTrue(TlsContextFactory.from(config(props())).isEmpty(), "no TLS keys: the JVM's defaults");
    }

    @Test
    void every_tls_key_has_documentation_in_the_tls_group() {
        ConfigDef def = TlsKeys.define(new ConfigDef());
        assertFalse(def.names().isEmpty());
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            assertFalse(key.documentation == null || key.documentation.isBlank(), key.name);
            assertEquals(TlsKeys.TLS_GROUP, key.group, key.name);
        }
    }
}
