package io.github.mqttbridge.connect;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.config.EmptyOr;
import io.github.mqttbridge.connect.config.FixedValues;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The protocol version both connectors speak and the MQTT 5 connection keys that go with it. A key of MQTT 5 set
 * on a config for MQTT 3.1.1 or 3.1 is refused naming the key, rather than silently meaning nothing.
 */
public final class MqttVersionKeys {
    public static final String MQTT5_GROUP = "MQTT 5";

    public static final String VERSION_CONFIG = "mqtt.version";
    private static final String VERSION_DOC = "The MQTT protocol version: 3.1.1, 3.1, 5, or auto (5, then 3.1.1, "
            + "then 3.1, whichever the broker takes first). MQTT 5 carries user properties and metadata across the "
            + "bridge and lets the broker refuse a message it will not deliver.";
    private static final List<String> VERSIONS = List.of("3.1.1", "3.1", "5", "auto");

    public static final String SESSION_EXPIRY_INTERVAL_MS_CONFIG = "mqtt.session.expiry.interval.ms";
    private static final String SESSION_EXPIRY_INTERVAL_MS_DOC = "MQTT 5: how long the broker keeps the session "
            + "(subscriptions, unacknowledged messages) after a connection ends. Empty: as "
            + MqttConnectionConfig.CLEAN_SESSION_CONFIG + " says on MQTT 3.1.1: false keeps it without end, true "
            + "ends it with the connection. " + MqttConnectionConfig.CLEAN_SESSION_CONFIG + "=true still starts each "
            + "connection with a new session. Whole seconds.";

    public static final String RECEIVE_MAXIMUM_CONFIG = "mqtt.receive.maximum";
    private static final String RECEIVE_MAXIMUM_DOC = "MQTT 5: how many QoS 1 and 2 messages the broker may send "
            + "the task before the task acknowledges them, 1 to 65535. Empty: the source takes mqtt.queue.max.messages "
            + "(at most 65535), so that a slow Kafka holds the broker back; the sink 65535.";

    public static final String MAXIMUM_PACKET_SIZE_CONFIG = "mqtt.maximum.packet.size";
    private static final String MAXIMUM_PACKET_SIZE_DOC = "MQTT 5: the largest packet in bytes the task takes "
            + "from the broker; the broker sends it nothing larger (it drops such a message for this client). "
            + "Empty: no limit but MQTT's own.";

    private static final List<String> MQTT5_ONLY = List.of(SESSION_EXPIRY_INTERVAL_MS_CONFIG, RECEIVE_MAXIMUM_CONFIG,
            MAXIMUM_PACKET_SIZE_CONFIG);

    /** Refuses an MQTT 5 key of these on an MQTT 3 config; the sink adds its own MQTT 5 keys with {@link #requireMqtt5}. */
    static final CrossFieldRules RULES = (c, problems) -> {
        requireMqtt5(c, MQTT5_ONLY, problems);
        Long expiryMs = c.getLong(SESSION_EXPIRY_INTERVAL_MS_CONFIG);
        if (expiryMs != null && expiryMs % 1000 != 0) {
            problems.put(SESSION_EXPIRY_INTERVAL_MS_CONFIG, "must be whole seconds (a multiple of 1000): MQTT counts "
                    + "the session expiry interval in seconds");
        }
    };

    private MqttVersionKeys() {
    }

    static ConfigDef define(ConfigDef def, int versionOrder) {
        int order = 0;
        return def.define(VERSION_CONFIG, Type.STRING, "3.1.1", ConfigDef.ValidString.in(VERSIONS.toArray(new String[0])),
                        Importance.MEDIUM, VERSION_DOC, MqttConnectionConfig.CONNECTION_GROUP, versionOrder, Width.SHORT,
                        "MQTT version", new FixedValues(VERSIONS))
                .define(SESSION_EXPIRY_INTERVAL_MS_CONFIG, Type.LONG, null,
                        new EmptyOr(ConfigDef.Range.between(0, 4_294_967_295_000L)), Importance.MEDIUM,
                        SESSION_EXPIRY_INTERVAL_MS_DOC, MQTT5_GROUP, ++order, Width.SHORT, "Session expiry (ms)")
                .define(RECEIVE_MAXIMUM_CONFIG, Type.INT, null, new EmptyOr(ConfigDef.Range.between(1, 65_535)), Importance.LOW,
                        RECEIVE_MAXIMUM_DOC, MQTT5_GROUP, ++order, Width.SHORT, "Receive maximum")
                .define(MAXIMUM_PACKET_SIZE_CONFIG, Type.INT, null, new EmptyOr(ConfigDef.Range.between(2, 268_435_460)),
                        Importance.LOW, MAXIMUM_PACKET_SIZE_DOC, MQTT5_GROUP, ++order, Width.SHORT,
                        "Maximum packet size");
    }

    /** Whether the config may speak MQTT 5: {@code mqtt.version} is 5 or auto. */
    public static boolean mayUseMqtt5(AbstractConfig c) {
        String version = c.getString(VERSION_CONFIG);
        return version.equals("5") || version.equals("auto");
    }

    /** Reports each of {@code keys} the user set on a config for MQTT 3.1.1 or 3.1, where they cannot apply. */
    public static void requireMqtt5(AbstractConfig c, List<String> keys, Map<String, String> problems) {
        if (mayUseMqtt5(c)) {
            return;
        }
        for (String key : keys) {
            if (c.originals().get(key) != null) {
                problems.put(key, "applies to MQTT 5 only, and " + VERSION_CONFIG + " is "
                        + c.getString(VERSION_CONFIG) + ": set " + VERSION_CONFIG + " to 5 or auto, or remove " + key);
            }
        }
    }

    /**
     * Sets the version and, for MQTT 5, the keys of this class on {@code options}; {@code receiveMaximum} is the
     * connector's default when the key is empty, or null for the client's own.
     */
    static void apply(AbstractConfig c, ConnectOptions.Builder options, Integer receiveMaximum) {
        options.mqttVersion(switch (c.getString(VERSION_CONFIG)) {
            case "3.1" -> 3;
            case "5" -> 5;
            case "auto" -> ConnectOptions.MQTT_VERSION_AUTO;
            default -> 4;
        });
        if (!mayUseMqtt5(c)) {
            return;
        }
        Long expiryMs = c.getLong(SESSION_EXPIRY_INTERVAL_MS_CONFIG);
        if (expiryMs != null) {
            options.sessionExpiryInterval(expiryMs / 1000);
        }
        Integer configured = c.getInt(RECEIVE_MAXIMUM_CONFIG);
        Integer receive = configured != null ? configured : receiveMaximum;
        if (receive != null) {
            options.receiveMaximum(receive);
        }
        Integer maxPacket = c.getInt(MAXIMUM_PACKET_SIZE_CONFIG);
        if (maxPacket != null) {
            options.maximumPacketSize(maxPacket);
        }
    }
}
