package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.MqttConnectionConfig;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.config.FixedValues;
import io.github.mqttbridge.connect.config.ParsedBy;
import io.github.mqttbridge.connect.source.json.PayloadSchemaSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The source connector's configuration: the shared connection keys plus what to subscribe to, where records go,
 * how payloads are read, how much may wait in memory, and where unreadable payloads go. The rule that joins
 * several keys is {@link #RULES}, used both by the constructor and by {@code validate()}.
 */
public class MqttSourceConnectorConfig extends MqttConnectionConfig {
    public static final String SOURCE_GROUP = "MQTT source";
    public static final String FLOW_GROUP = "Flow control";
    public static final String ERRORS_GROUP = "Error handling";
    public static final String EXACTLY_ONCE_GROUP = "Exactly once";

    public static final String TOPICS_CONFIG = "mqtt.topics";
    private static final String TOPICS_DOC = "The MQTT topic filters to subscribe to ('+' and '#' wildcards allowed). "
            + "With tasks.max > 1 plain filters are divided among the tasks; a shared subscription "
            + "'$share/<group>/<filter>' is given to every task and the broker balances its messages between them. "
            + "Overlapping plain filters may deliver a message once per filter.";
    private static final String TOPICS_DISPLAY = "MQTT topic filters";

    public static final String QOS_CONFIG = "mqtt.qos";
    public static final int QOS_DEFAULT = 1;
    private static final String QOS_DOC = "The QoS to subscribe with: 0 at most once (may lose messages), 1 at "
            + "least once (no loss, duplicates possible after a failure), 2 the same end to end, as Kafka may "
            + "still receive a record twice after a failure.";
    private static final String QOS_DISPLAY = "QoS";

    public static final String KAFKA_TOPIC_CONFIG = "kafka.topic";
    private static final String KAFKA_TOPIC_DOC = "The Kafka topic to write to: a fixed name, or a template where "
            + "{topic} is the MQTT topic with '/' turned into '.' and {N} is level N (from 0) of the MQTT topic, e.g. "
            + "'iot.{1}' or 'mqtt.{topic}'. Every {N} must exist in every filter of mqtt.topics. Characters Kafka "
            + "does not allow become '_'; names are cut to 249 characters.";
    private static final String KAFKA_TOPIC_DISPLAY = "Kafka topic (template)";

    public static final String PAYLOAD_FORMAT_CONFIG = "mqtt.payload.format";
    public static final String PAYLOAD_FORMAT_DEFAULT = "bytes";
    private static final String PAYLOAD_FORMAT_DOC = "How the payload becomes the record value: 'bytes' as it is "
            + "(BYTES schema), 'string' as strict UTF-8 (STRING schema), 'json' parsed into a schemaless value "
            + "(maps, lists, strings, numbers, booleans; an empty payload is a null value) or, with "
            + "mqtt.payload.schema, a Struct with a schema; 'sparkplug-b' Sparkplug B messages (topics spBv1.0/...) "
            + "as Structs keyed <group>/<edge node>[/<device>], metric aliases resolved from the BIRTH messages.";
    private static final String PAYLOAD_FORMAT_DISPLAY = "Payload format";

    public static final String PAYLOAD_SCHEMA_CONFIG = "mqtt.payload.schema";
    public static final String PAYLOAD_SCHEMA_DEFAULT = PayloadSchemaSetting.NONE;
    private static final String PAYLOAD_SCHEMA_DOC = "With mqtt.payload.format=json, the schema of the values: "
            + "'none' schemaless maps; 'infer' a Struct schema per Kafka topic, inferred from the payloads and only "
            + "gaining new optional fields (a value of another type than its field's is a bad record); or a JSON "
            + "Schema, written out or the path of a file, that validates each payload (one that fails is a bad "
            + "record) and gives the Struct schema. See the source guide for the type mapping.";
    private static final String PAYLOAD_SCHEMA_DISPLAY = "Payload schema";

    public static final String QUEUE_MAX_MESSAGES_CONFIG = "mqtt.queue.max.messages";
    public static final int QUEUE_MAX_MESSAGES_DEFAULT = 10_000;
    private static final String QUEUE_MAX_MESSAGES_DOC = "How many received messages may wait for the task to "
            + "hand them to Kafka, and how many records handed to Kafka may wait for Kafka to acknowledge them. "
            + "When either is full, the task stops reading from the broker, which then holds the messages. The MQTT "
            + "client may buffer as many again before it stops reading.";
    private static final String QUEUE_MAX_MESSAGES_DISPLAY = "Queue size (messages)";

    public static final String QUEUE_MAX_BYTES_CONFIG = "mqtt.queue.max.bytes";
    public static final long QUEUE_MAX_BYTES_DEFAULT = 16L * 1024 * 1024;
    private static final String QUEUE_MAX_BYTES_DOC = "How many payload bytes may wait for the task to hand them "
            + "to Kafka, as " + QUEUE_MAX_MESSAGES_CONFIG + " (a single larger message is still let through).";
    private static final String QUEUE_MAX_BYTES_DISPLAY = "Queue size (bytes)";

    public static final String POLL_BATCH_SIZE_CONFIG = "mqtt.poll.batch.size";
    public static final int POLL_BATCH_SIZE_DEFAULT = 1_000;
    private static final String POLL_BATCH_SIZE_DOC = "The most records one poll() returns.";
    private static final String POLL_BATCH_SIZE_DISPLAY = "Batch size";

    public static final String POLL_TIMEOUT_MS_CONFIG = "mqtt.poll.timeout.ms";
    public static final long POLL_TIMEOUT_MS_DEFAULT = 100L;
    private static final String POLL_TIMEOUT_MS_DOC = "How long poll() waits for a first message before it returns "
            + "nothing, so that the worker can commit offsets and stop the task in time.";
    private static final String POLL_TIMEOUT_MS_DISPLAY = "Poll timeout (ms)";

    public static final String DLQ_TOPIC_CONFIG = "mqtt.errors.deadletterqueue.topic.name";
    private static final String DLQ_TOPIC_DOC = "With errors.tolerance=all, the Kafka topic that receives a payload "
            + "the format cannot read, as raw bytes with headers saying why (mqtt.error.reason); empty: such "
            + "messages are logged and skipped. With errors.tolerance=none (the default) they fail the task. "
            + "Source connectors get no dead letter queue from the framework, hence this key.";
    private static final String DLQ_TOPIC_DISPLAY = "Dead letter queue topic";

    private static final ConfigDef CONFIG_DEF = definition();

    /**
     * The rules joining {@code mqtt.topics} and {@code kafka.topic}, and {@code mqtt.payload.schema} and
     * {@code mqtt.payload.format}, and what exactly once needs; the connection rules are the base class's.
     */
    static final CrossFieldRules RULES = (c, problems) -> {
        String missing = missingCapture(c.getList(TOPICS_CONFIG), c.getString(KAFKA_TOPIC_CONFIG));
        if (missing != null) {
            problems.put(KAFKA_TOPIC_CONFIG, missing);
        }
        String format = c.getString(PAYLOAD_FORMAT_CONFIG).toLowerCase(Locale.ROOT);
        if (!PayloadSchemaSetting.isNone(c.getString(PAYLOAD_SCHEMA_CONFIG))
                && !format.equals(SourcePayloadFormat.JSON.configName())) {
            String why = format.equals(SparkplugPayloads.CONFIG_NAME)
                    ? " (Sparkplug records have a schema of their own)" : "";
            problems.put(PAYLOAD_SCHEMA_CONFIG, "applies to " + PAYLOAD_FORMAT_CONFIG + "=json only; with "
                    + PAYLOAD_FORMAT_CONFIG + "=" + format + " leave it 'none'" + why);
        }
        ExactlyOnceKeys.RULES.check(c, problems);
    };

    public MqttSourceConnectorConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, RULES);
    }

    /** A copy of the definition: callers cannot change the connector's own. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef definition() {
        ConfigDef def = addConnectionKeys(new ConfigDef(), false);
        int order = 0;
        def.define(TOPICS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, TopicFiltersValidator.INSTANCE,
                        Importance.HIGH, TOPICS_DOC, SOURCE_GROUP, ++order, Width.LONG, TOPICS_DISPLAY)
                .define(QOS_CONFIG, Type.INT, QOS_DEFAULT, ConfigDef.Range.between(0, 2), Importance.HIGH, QOS_DOC,
                        SOURCE_GROUP, ++order, Width.SHORT, QOS_DISPLAY, new FixedValues(List.<Object>of(0, 1, 2)))
                .define(KAFKA_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ParsedBy(SourceTopicTemplate::parse, SourceTopicTemplate.SYNTAX),
                        Importance.HIGH, KAFKA_TOPIC_DOC, SOURCE_GROUP, ++order, Width.LONG, KAFKA_TOPIC_DISPLAY)
                .define(PAYLOAD_FORMAT_CONFIG, Type.STRING, PAYLOAD_FORMAT_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(payloadFormats().toArray(new String[0])),
                        Importance.MEDIUM, PAYLOAD_FORMAT_DOC, SOURCE_GROUP, ++order, Width.SHORT,
                        PAYLOAD_FORMAT_DISPLAY, new FixedValues(List.<Object>copyOf(payloadFormats())))
                .define(PAYLOAD_SCHEMA_CONFIG, Type.STRING, PAYLOAD_SCHEMA_DEFAULT,
                        new ParsedBy(PayloadSchemaSetting::typing, PayloadSchemaSetting.SYNTAX), Importance.MEDIUM,
                        PAYLOAD_SCHEMA_DOC, SOURCE_GROUP, ++order, Width.LONG, PAYLOAD_SCHEMA_DISPLAY);
        order = 0;
        def.define(QUEUE_MAX_MESSAGES_CONFIG, Type.INT, QUEUE_MAX_MESSAGES_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, QUEUE_MAX_MESSAGES_DOC, FLOW_GROUP, ++order, Width.SHORT,
                        QUEUE_MAX_MESSAGES_DISPLAY)
                .define(QUEUE_MAX_BYTES_CONFIG, Type.LONG, QUEUE_MAX_BYTES_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, QUEUE_MAX_BYTES_DOC, FLOW_GROUP, ++order, Width.SHORT, QUEUE_MAX_BYTES_DISPLAY)
                .define(POLL_BATCH_SIZE_CONFIG, Type.INT, POLL_BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, POLL_BATCH_SIZE_DOC, FLOW_GROUP, ++order, Width.SHORT, POLL_BATCH_SIZE_DISPLAY)
                .define(POLL_TIMEOUT_MS_CONFIG, Type.LONG, POLL_TIMEOUT_MS_DEFAULT, ConfigDef.Range.between(1, 60_000),
                        Importance.LOW, POLL_TIMEOUT_MS_DOC, FLOW_GROUP, ++order, Width.SHORT, POLL_TIMEOUT_MS_DISPLAY);
        def.define(DLQ_TOPIC_CONFIG, Type.STRING, "", KafkaTopicNameValidator.INSTANCE, Importance.MEDIUM, DLQ_TOPIC_DOC,
                ERRORS_GROUP, 1, Width.LONG, DLQ_TOPIC_DISPLAY);
        ExactlyOnceKeys.define(def, EXACTLY_ONCE_GROUP);
        return def;
    }

    /** Why some topic of the filters would lack a level the template uses, or null when none would. */
    private static String missingCapture(List<String> filters, String template) {
        SourceTopicTemplate parsed = SourceTopicTemplate.parse(template);
        for (String filter : filters) {
            String missing = parsed.missingCapture(filter);
            if (missing != null) {
                return missing;
            }
        }
        return null;
    }

    public List<String> topics() {
        return getList(TOPICS_CONFIG);
    }

    public int qos() {
        return getInt(QOS_CONFIG);
    }

    SourceTopicTemplate kafkaTopic() {
        return SourceTopicTemplate.parse(getString(KAFKA_TOPIC_CONFIG));
    }

    private static List<String> payloadFormats() {
        List<String> names = new ArrayList<>(SourcePayloadFormat.configNames());
        names.add(SparkplugPayloads.CONFIG_NAME);
        return names;
    }

    /** A new reader of payloads for a task, per mqtt.payload.format and mqtt.payload.schema. */
    PayloadReader payloadReader() {
        String format = getString(PAYLOAD_FORMAT_CONFIG);
        if (format.equalsIgnoreCase(SparkplugPayloads.CONFIG_NAME)) {
            return new SparkplugPayloads();
        }
        SourcePayloadFormat plain = SourcePayloadFormat.fromConfig(format);
        return PayloadSchemaSetting.typing(getString(PAYLOAD_SCHEMA_CONFIG))
                .<PayloadReader>map(TypedJsonPayloads::new)
                .orElse(plain);
    }

    public int queueMaxMessages() {
        return getInt(QUEUE_MAX_MESSAGES_CONFIG);
    }

    public long queueMaxBytes() {
        return getLong(QUEUE_MAX_BYTES_CONFIG);
    }

    public int pollBatchSize() {
        return getInt(POLL_BATCH_SIZE_CONFIG);
    }

    public long pollTimeoutMs() {
        return getLong(POLL_TIMEOUT_MS_CONFIG);
    }

    /** Whether the connector requires exactly once of Connect: then the task keeps its QoS 2 receipts in offsets. */
    public boolean exactlyOnce() {
        return ExactlyOnceKeys.required(this);
    }

    public String heartbeatTopic() {
        return getString(ExactlyOnceKeys.HEARTBEAT_TOPIC_CONFIG).trim();
    }

    /** The dead letter topic, or empty when none is configured. */
    public String deadLetterTopic() {
        return getString(DLQ_TOPIC_CONFIG).trim();
    }

    /** Checks each filter of {@code mqtt.topics}, naming the wrong one and what to fix. */
    static final class TopicFiltersValidator implements ConfigDef.Validator {
        static final TopicFiltersValidator INSTANCE = new TopicFiltersValidator();

        private TopicFiltersValidator() {
        }

        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> filters = (List<String>) value;
            if (filters == null || filters.isEmpty()) {
                throw new ConfigException(name, value, "give at least one MQTT topic filter, e.g. sensors/+/temperature");
            }
            for (String filter : filters) {
                String problem = SubscriptionFilter.problem(filter);
                if (problem != null) {
                    throw new ConfigException(name, filter, problem);
                }
            }
        }

        @Override
        public String toString() {
            return "MQTT topic filters, or $share/<group>/<filter>";
        }
    }

    /** A Kafka topic name; empty too for {@link #INSTANCE}, not for {@link #REQUIRED}. */
    static final class KafkaTopicNameValidator implements ConfigDef.Validator {
        static final KafkaTopicNameValidator INSTANCE = new KafkaTopicNameValidator(true);
        static final KafkaTopicNameValidator REQUIRED = new KafkaTopicNameValidator(false);

        private final boolean emptyAllowed;

        private KafkaTopicNameValidator(boolean emptyAllowed) {
            this.emptyAllowed = emptyAllowed;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String topic = value == null ? "" : ((String) value).trim();
            if (topic.isEmpty() && !emptyAllowed) {
                throw new ConfigException(name, value, "give a Kafka topic name");
            }
            if (!topic.isEmpty() && !SourceTopicTemplate.sanitize(topic).equals(topic)) {
                throw new ConfigException(name, value, "a Kafka topic name holds only a-z, A-Z, 0-9, '.', '_' and "
                        + "'-', at most " + SourceTopicTemplate.MAX_KAFKA_TOPIC_LENGTH + " characters, and is not '.' or '..'");
            }
        }

        @Override
        public String toString() {
            return emptyAllowed ? "a Kafka topic name, or empty" : "a Kafka topic name";
        }
    }
}
