package io.github.mqttbridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.Mqtt5ConnectOptions;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.tls.TlsKeys;
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
            super(DEF, props, CrossFieldRules.NONE);
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
    void task_client_ids_derive_from_the_connector_name_and_are_unique_per_task() {
        Config c = new Config(props());
        assertEquals("my_bridge-0", c.clientId("my bridge", 0));
        assertEquals("my_bridge-2", c.clientId("my bridge", 2));
        assertEquals("plant-7-1", new Config(props(MqttConnectionConfig.CLIENT_ID_CONFIG, "plant-7")).clientId("x", 1));
    }

    @Test
    void a_reconnect_backoff_whose_maximum_is_below_its_minimum_is_rejected_on_the_maximum() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Config(props(
                MqttConnectionConfig.RECONNECT_BACKOFF_MIN_MS_CONFIG, "5000",
                MqttConnectionConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000")));
        assertTrue(e.getMessage().contains(MqttConnectionConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG), e.getMessage());
    }

    @Test
    void the_connectors_rules_are_refused_by_the_constructor_too() {
        ConfigDef def = MqttConnectionConfig.addConnectionKeys(new ConfigDef(), false);
        ConfigException e = assertThrows(ConfigException.class, () -> new MqttConnectionConfig(def, props(),
                (c, problems) -> problems.put(MqttConnectionConfig.CLIENT_ID_CONFIG, "a rule of the connector")) {
        });
        assertTrue(e.getMessage().contains("a rule of the connector"), e.getMessage());
    }

    @Test
    void connect_options_carry_the_keys() {
        Config c = new Config(props(MqttConnectionConfig.SERVER_URIS_CONFIG, "tcp://a:1883,ssl://b:8883",
                MqttConnectionConfig.USERNAME_CONFIG, "u", MqttConnectionConfig.PASSWORD_CONFIG, "p",
                MqttVersionKeys.VERSION_CONFIG, "3.1", MqttConnectionConfig.KEEPALIVE_INTERVAL_MS_CONFIG, "30000"));
        var o = c.connectOptions().build();
        assertEquals(2, o.hosts().size());
        assertEquals("u", o.userName().orElseThrow());
        assertEquals(3, o.mqttVersion().orElseThrow());
        assertEquals(30, o.keepAliveInterval().getSeconds());
        assertFalse(o.cleanSession(), "the default given by the connector");
        assertTrue(o.reconnect() && o.retryInitialConnect(), "a task never gives up on its broker");
        assertEquals(List.of(), o.alpnProtocols(), "no ALPN unless asked for");
    }

    @Test
    void mqtt5_keys_reach_the_client_and_an_unset_expiry_follows_clean_session() {
        Config c = new Config(props(MqttVersionKeys.VERSION_CONFIG, "5",
                MqttVersionKeys.SESSION_EXPIRY_INTERVAL_MS_CONFIG, "3600000", MqttVersionKeys.RECEIVE_MAXIMUM_CONFIG,
                "100", MqttVersionKeys.MAXIMUM_PACKET_SIZE_CONFIG, "65536"));
        var o = c.connectOptions(500).build();
        assertEquals(5, o.mqttVersion().orElseThrow());
        assertEquals(3600, o.mqtt5().sessionExpiryInterval());
        assertEquals(100, o.mqtt5().receiveMaximum(), "the key wins over the connector's default");
        assertEquals(65536, o.maxInboundPacketSize());
        assertTrue(c.keepsSession());

        Config unset = new Config(props(MqttVersionKeys.VERSION_CONFIG, "auto"));
        var auto = unset.connectOptions(500).build();
        assertEquals(ConnectOptions.MQTT_VERSION_AUTO, auto.mqttVersion().orElseThrow());
        assertEquals(500, auto.mqtt5().receiveMaximum(), "the connector's default");
        assertEquals(Mqtt5ConnectOptions.NEVER_EXPIRES, auto.mqtt5().sessionExpiryInterval(),
                "no clean session keeps the session without end, as on MQTT 3.1.1");
        assertFalse(new Config(props(MqttVersionKeys.VERSION_CONFIG, "5",
                MqttVersionKeys.SESSION_EXPIRY_INTERVAL_MS_CONFIG, "0")).keepsSession());
    }

    @Test
    void alpn_protocols_reach_the_client_and_a_bad_name_is_refused_on_the_key() {
        Config c = new Config(props(TlsKeys.SSL_ALPN_PROTOCOLS_CONFIG, "x-amzn-mqtt-ca"));
        assertEquals(List.of("x-amzn-mqtt-ca"), c.connectOptions().build().alpnProtocols());
        String tooLong = "x".repeat(256);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Config(props(TlsKeys.SSL_ALPN_PROTOCOLS_CONFIG, "mqtt," + tooLong)));
        assertTrue(e.getMessage().contains(TlsKeys.SSL_ALPN_PROTOCOLS_CONFIG + "[1] must be 1 to 255 bytes"),
                e.getMessage());
    }

    @Test
    void every_key_has_documentation_and_a_group() {
        for (ConfigDef.ConfigKey key : DEF.configKeys().values()) {
            assertFalse(key.documentation == null || key.documentation.isBlank(), key.name);
            assertTrue(List.of(MqttConnectionConfig.CONNECTION_GROUP, MqttVersionKeys.MQTT5_GROUP, TlsKeys.TLS_GROUP)
                            .contains(key.group),
                    key.name);
        }
    }
}
