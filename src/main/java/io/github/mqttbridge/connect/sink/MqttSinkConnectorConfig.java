package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.MqttConnectionConfig;
import io.github.mqttbridge.connect.MqttVersionKeys;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.config.FixedValues;
import io.github.mqttbridge.connect.config.ParsedBy;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The sink connector's keys: the shared connection keys plus where and how records are published. */
public final class MqttSinkConnectorConfig extends MqttConnectionConfig {
    public static final String SINK_GROUP = "MQTT sink";
    public static final String DELIVERY_GROUP = "MQTT sink delivery";

    /**
     * A clean session: the sink subscribes to nothing, and a task restarts without its client's in-memory
     * state, so a persistent session would only keep QoS 2 packet ids on the broker that the new client
     * reuses, and the broker would drop those new messages as resends. Kafka's offsets, not the MQTT session,
     * carry what must be sent again.
     */
    static final boolean CLEAN_SESSION_DEFAULT = true;

    public static final String TOPIC_CONFIG = "mqtt.topic";
    private static final String TOPIC_DEFAULT = "";
    private static final String TOPIC_DISPLAY = "MQTT topic";
    private static final String TOPIC_DOC = "The MQTT topic to publish each record to: a fixed name or a template "
            + "with placeholders " + SinkTopicTemplate.SYNTAX + ". <path> is a field name, or dotted names into nested "
            + "Structs and Maps. Example: devices/{key}/commands. Empty: the Kafka topic name. A record whose topic "
            + "cannot be made (missing field or header, null key, a '+', '#' or NUL in the result) is a bad record.";

    public static final String QOS_CONFIG = "mqtt.qos";
    private static final int QOS_DEFAULT = 1;
    private static final String QOS_DISPLAY = "QoS";
    private static final String QOS_DOC = "The MQTT QoS of each publish. 1 and 2: a record's offset is committed "
            + "only after the broker acknowledged it (PUBACK, PUBCOMP); 0: once written to the connection, so a "
            + "broker or network failure can lose it.";

    public static final String RETAINED_CONFIG = "mqtt.retained";
    private static final boolean RETAINED_DEFAULT = false;
    private static final String RETAINED_DISPLAY = "Retained";
    private static final String RETAINED_DOC = "Whether each message is published retained, so that the broker "
            + "keeps the last one per topic for new subscribers.";

    public static final String PAYLOAD_FORMAT_CONFIG = "mqtt.payload.format";
    private static final String PAYLOAD_FORMAT_DEFAULT = "auto";
    private static final String PAYLOAD_FORMAT_DISPLAY = "Payload format";
    private static final String PAYLOAD_FORMAT_DOC = "How a record's value becomes the payload. auto: bytes as "
            + "they are, strings as UTF-8, numbers and booleans as text, Structs, Maps and arrays as JSON. json: "
            + "always JSON (a string is quoted). bytes: the value must be bytes. string: the value must be a string, "
            + "number or boolean. field:<path>: one field of a Struct or Map value, converted as auto. A value that "
            + "does not fit is a bad record.";

    public static final String TOMBSTONE_BEHAVIOR_CONFIG = "mqtt.tombstone.behavior";
    private static final String TOMBSTONE_BEHAVIOR_DEFAULT = TombstoneBehavior.IGNORE.configName();
    private static final String TOMBSTONE_BEHAVIOR_DISPLAY = "Tombstone behavior";
    private static final String TOMBSTONE_BEHAVIOR_DOC = "What a record with a null value does. ignore: nothing "
            + "is published. clear-retained: an empty retained message goes to the record's topic, which deletes "
            + "the retained message there. fail: it is a bad record.";

    public static final String MAX_INFLIGHT_CONFIG = "mqtt.max.inflight";
    private static final int MAX_INFLIGHT_DEFAULT = 1000;
    private static final String MAX_INFLIGHT_DISPLAY = "Max in flight";
    private static final String MAX_INFLIGHT_DOC = "How many QoS 1 and 2 publishes may await the broker's "
            + "acknowledgement at once; further ones wait their turn inside the client, in order.";

    public static final String MAX_INFLIGHT_QOS2_CONFIG = "mqtt.max.inflight.qos2";
    private static final int MAX_INFLIGHT_QOS2_DEFAULT = 20;
    private static final String MAX_INFLIGHT_QOS2_DISPLAY = "Max QoS 2 in flight";
    private static final String MAX_INFLIGHT_QOS2_DOC = "How many of the " + MAX_INFLIGHT_CONFIG + " publishes may "
            + "be QoS 2. The default, 20, is what Mosquitto takes as installed: beyond it, it acknowledges QoS 2 "
            + "messages and then silently drops some. Raise it for a broker configured to take more.";

    public static final String MAX_OUTSTANDING_CONFIG = "mqtt.max.outstanding.records";
    private static final int MAX_OUTSTANDING_DEFAULT = 10_000;
    private static final String MAX_OUTSTANDING_DISPLAY = "Max outstanding records";
    private static final String MAX_OUTSTANDING_DOC = "How many records a task may have handed to the MQTT client "
            + "and not yet seen acknowledged, in flight or waiting (also while the broker is unreachable); this "
            + "bounds the task's memory. When reached, put() waits up to " + "mqtt.retry.backoff.ms"
            + " and then asks Connect to redeliver the rest later.";

    public static final String RETRY_BACKOFF_MS_CONFIG = "mqtt.retry.backoff.ms";
    private static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;
    private static final String RETRY_BACKOFF_MS_DISPLAY = "Retry backoff (ms)";
    private static final String RETRY_BACKOFF_MS_DOC = "How long put() waits for room among the outstanding "
            + "records, and how long Connect then pauses before redelivering the records that did not fit.";

    public static final String RETRY_TIMEOUT_MS_CONFIG = "mqtt.retry.timeout.ms";
    private static final long RETRY_TIMEOUT_MS_DEFAULT = 24 * 60 * 60 * 1000L;
    private static final String RETRY_TIMEOUT_MS_DISPLAY = "Retry timeout (ms)";
    private static final String RETRY_TIMEOUT_MS_DOC = "How long the task may go without a single acknowledgement "
            + "from the broker while records wait (a broker outage) before it fails. Until then it stays RUNNING, "
            + "reconnecting and retrying.";

    private static final ConfigDef CONFIG_DEF = definition();

    /** The sink's own rules, beside the connection ones of the base class: its MQTT 5 keys need MQTT 5. */
    static final CrossFieldRules RULES = SinkMqtt5Keys.RULES;

    private final SinkTopicTemplate topicTemplate;
    private final SinkPayloadFormat payloads;

    public MqttSinkConnectorConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, RULES);
        topicTemplate = SinkTopicTemplate.parse(getString(TOPIC_CONFIG));
        payloads = SinkPayloadFormat.parse(getString(PAYLOAD_FORMAT_CONFIG));
    }

    /** A copy of the definition: callers cannot change the connector's own. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef definition() {
        ConfigDef def = addConnectionKeys(new ConfigDef(), CLEAN_SESSION_DEFAULT);
        int order = 0;
        def.define(TOPIC_CONFIG, Type.STRING, TOPIC_DEFAULT, new ParsedBy(SinkTopicTemplate::parse, "a topic template"),
                        Importance.HIGH, TOPIC_DOC, SINK_GROUP, ++order, Width.LONG, TOPIC_DISPLAY)
                .define(QOS_CONFIG, Type.INT, QOS_DEFAULT, ConfigDef.Range.between(0, 2), Importance.HIGH, QOS_DOC,
                        SINK_GROUP, ++order, Width.SHORT, QOS_DISPLAY, new FixedValues(List.<Object>of(0, 1, 2)))
                .define(RETAINED_CONFIG, Type.BOOLEAN, RETAINED_DEFAULT, Importance.MEDIUM, RETAINED_DOC,
                        SINK_GROUP, ++order, Width.SHORT, RETAINED_DISPLAY)
                .define(PAYLOAD_FORMAT_CONFIG, Type.STRING, PAYLOAD_FORMAT_DEFAULT,
                        new ParsedBy(SinkPayloadFormat::parse, SinkPayloadFormat.SYNTAX), Importance.MEDIUM, PAYLOAD_FORMAT_DOC,
                        SINK_GROUP, ++order, Width.MEDIUM, PAYLOAD_FORMAT_DISPLAY,
                        new FixedValues(List.<Object>of("auto", "json", "bytes", "string")))
                .define(TOMBSTONE_BEHAVIOR_CONFIG, Type.STRING, TOMBSTONE_BEHAVIOR_DEFAULT,
                        ConfigDef.ValidString.in(TombstoneBehavior.configNames().toArray(new String[0])),
                        Importance.MEDIUM, TOMBSTONE_BEHAVIOR_DOC, SINK_GROUP, ++order, Width.SHORT,
                        TOMBSTONE_BEHAVIOR_DISPLAY, new FixedValues(List.<Object>copyOf(TombstoneBehavior.configNames())));
        order = 0;
        def.define(MAX_INFLIGHT_CONFIG, Type.INT, MAX_INFLIGHT_DEFAULT, ConfigDef.Range.between(1, 65_535),
                        Importance.LOW, MAX_INFLIGHT_DOC, DELIVERY_GROUP, ++order, Width.SHORT, MAX_INFLIGHT_DISPLAY)
                .define(MAX_INFLIGHT_QOS2_CONFIG, Type.INT, MAX_INFLIGHT_QOS2_DEFAULT,
                        ConfigDef.Range.between(1, 65_535), Importance.LOW, MAX_INFLIGHT_QOS2_DOC, DELIVERY_GROUP,
                        ++order, Width.SHORT, MAX_INFLIGHT_QOS2_DISPLAY)
                .define(MAX_OUTSTANDING_CONFIG, Type.INT, MAX_OUTSTANDING_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, MAX_OUTSTANDING_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
                        MAX_OUTSTANDING_DISPLAY)
                .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, RETRY_BACKOFF_MS_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
                        RETRY_BACKOFF_MS_DISPLAY)
                .define(RETRY_TIMEOUT_MS_CONFIG, Type.LONG, RETRY_TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.LOW, RETRY_TIMEOUT_MS_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
                        RETRY_TIMEOUT_MS_DISPLAY);
        return SinkMqtt5Keys.define(def);
    }

    SinkTopicTemplate topicTemplate() {
        return topicTemplate;
    }

    SinkPayloadFormat payloads() {
        return payloads;
    }

    /** The MQTT 5 parts of each message, or null on a config for MQTT 3.1.1 or 3.1, where they cannot go. */
    SinkRecordMapper.Mqtt5 mqtt5(LongSupplier clock) {
        if (!MqttVersionKeys.mayUseMqtt5(this)) {
            return null;
        }
        return new SinkRecordMapper.Mqtt5(SinkMqtt5Keys.userProperties(this),
                SinkMqtt5Keys.messageProperties(this, clock));
    }

    int outboundTopicAliases() {
        return SinkMqtt5Keys.outboundTopicAliases(this);
    }

    public int qos() {
        return getInt(QOS_CONFIG);
    }

    public boolean retained() {
        return getBoolean(RETAINED_CONFIG);
    }

    public TombstoneBehavior tombstoneBehavior() {
        return TombstoneBehavior.of(getString(TOMBSTONE_BEHAVIOR_CONFIG));
    }

    public int maxInflight() {
        return getInt(MAX_INFLIGHT_CONFIG);
    }

    public int maxInflightQos2() {
        return getInt(MAX_INFLIGHT_QOS2_CONFIG);
    }

    public int maxOutstandingRecords() {
        return getInt(MAX_OUTSTANDING_CONFIG);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS_CONFIG);
    }

    public long retryTimeoutMs() {
        return getLong(RETRY_TIMEOUT_MS_CONFIG);
    }
}
