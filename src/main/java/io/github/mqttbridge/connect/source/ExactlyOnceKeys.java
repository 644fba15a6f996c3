package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.MqttConnectionConfig;
import io.github.mqttbridge.connect.MqttVersionKeys;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * When the source delivers exactly once, what that needs, and the one key it adds. It is on when the connector
 * requires exactly once of Connect ({@code exactly.once.support=required}, which Connect accepts only on workers
 * with {@code exactly.once.source.support=enabled}): a task cannot otherwise tell whether its records and offsets
 * commit in one transaction, and the receipts it keeps in its offsets are safe only if they do. With
 * {@code requested}, the default, the source stays at least once.
 */
public final class ExactlyOnceKeys {
    /** Connect's own key on the connector; its constant lives in the runtime, which a plugin does not link. */
    static final String SUPPORT_CONFIG = "exactly.once.support";

    public static final String HEARTBEAT_TOPIC_CONFIG = "mqtt.exactly.once.heartbeat.topic";
    private static final String HEARTBEAT_TOPIC_DEFAULT = "__mqtt-bridge-heartbeat";
    private static final String HEARTBEAT_TOPIC_DOC = "With exactly.once.support=required: the Kafka topic of the "
            + "small records a task writes when it must commit its QoS 2 receipts and no message is flowing (the "
            + "broker released a message and waits for the task to say it has forgotten its packet id). Keyed by "
            + "the task's client id, without a value; consumers may ignore it. Create it, or let the broker or "
            + "Connect's topic creation create it.";
    private static final String HEARTBEAT_TOPIC_DISPLAY = "Exactly-once heartbeat topic";

    private ExactlyOnceKeys() {
    }

    static void define(ConfigDef def, String group) {
        def.define(HEARTBEAT_TOPIC_CONFIG, Type.STRING, HEARTBEAT_TOPIC_DEFAULT,
                MqttSourceConnectorConfig.KafkaTopicNameValidator.REQUIRED, Importance.LOW, HEARTBEAT_TOPIC_DOC, group,
                1, Width.LONG, HEARTBEAT_TOPIC_DISPLAY);
    }

    /** Whether the connector requires exactly once of Connect. */
    static boolean required(AbstractConfig c) {
        Object support = c.originals().get(SUPPORT_CONFIG);
        return support != null && support.toString().trim().toLowerCase(Locale.ROOT).equals("required");
    }

    /** Refuses {@code exactly.once.support=required} on a config where the guarantee cannot hold, on the key to fix. */
    static final CrossFieldRules RULES = (c, problems) -> {
        if (required(c)) {
            problems.putAll(obstacles(c));
        }
    };

    /** Why exactly once cannot hold with this config, by the key to change; empty when it can. */
    static Map<String, String> obstacles(AbstractConfig c) {
        Map<String, String> obstacles = new LinkedHashMap<>();
        String needs = "exactly once (" + SUPPORT_CONFIG + "=required) needs ";
        if (c.getInt(MqttSourceConnectorConfig.QOS_CONFIG) != 2) {
            obstacles.put(MqttSourceConnectorConfig.QOS_CONFIG, needs + "mqtt.qos=2: only the QoS 2 handshake lets "
                    + "the task tell a message the broker sends again after a crash from a new one");
        }
        if (!MqttConnectionConfig.keepsSession(c)) {
            boolean clean = c.getBoolean(MqttConnectionConfig.CLEAN_SESSION_CONFIG);
            obstacles.put(clean ? MqttConnectionConfig.CLEAN_SESSION_CONFIG
                    : MqttVersionKeys.SESSION_EXPIRY_INTERVAL_MS_CONFIG, needs + "a session the broker keeps: set "
                    + MqttConnectionConfig.CLEAN_SESSION_CONFIG + "=false and leave "
                    + MqttVersionKeys.SESSION_EXPIRY_INTERVAL_MS_CONFIG + " empty or above 0; a session that ends "
                    + "with the connection loses the messages in flight when a worker dies");
        }
        for (String filter : c.getList(MqttSourceConnectorConfig.TOPICS_CONFIG)) {
            if (SubscriptionFilter.isShared(filter)) {
                obstacles.put(MqttSourceConnectorConfig.TOPICS_CONFIG, needs + "filters without $share/ ('" + filter
                        + "'): a broker may send a message in flight again to another member of the group, whose "
                        + "task cannot know it is already in Kafka; divide the filters between tasks instead");
                break;
            }
        }
        return obstacles;
    }
}
