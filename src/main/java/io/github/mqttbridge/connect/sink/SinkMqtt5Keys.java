package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.MqttHeaders;
import io.github.mqttbridge.connect.MqttVersionKeys;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.config.EmptyOr;
import io.github.mqttbridge.connect.config.ParsedBy;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The sink's MQTT 5 keys: which Kafka headers become user properties, and where the content type, response topic,
 * correlation data and message expiry of each message come from. Refused on a config for MQTT 3.1.1 or 3.1.
 */
public final class SinkMqtt5Keys {
    static final String GROUP = "MQTT 5 sink properties";
    private static final String TEMPLATE_SYNTAX = "a template with " + SinkTopicTemplate.SYNTAX;

    public static final String HEADERS_INCLUDE_CONFIG = "mqtt.headers.include";
    private static final String HEADERS_INCLUDE_DOC = "A regular expression: the Kafka headers whose whole name "
            + "matches it become MQTT 5 user properties of the message, in order and with repeats. Headers whose "
            + "name starts with mqtt. are the bridge's own metadata and never do. A value becomes text: bytes as "
            + "UTF-8, or Base64 when they are not valid UTF-8.";

    public static final String HEADERS_EXCLUDE_CONFIG = "mqtt.headers.exclude";
    private static final String HEADERS_EXCLUDE_DOC = "A regular expression: headers whose whole name matches it "
            + "do not become user properties, even when " + HEADERS_INCLUDE_CONFIG + " matches. Empty: none excluded.";

    public static final String CONTENT_TYPE_CONFIG = "mqtt.content.type";
    private static final String CONTENT_TYPE_DOC = "The content type of each message: fixed text or " + TEMPLATE_SYNTAX
            + ", e.g. application/json or {header:content-type}. Empty: the record's " + MqttHeaders.CONTENT_TYPE
            + " header, when it has one.";

    public static final String RESPONSE_TOPIC_CONFIG = "mqtt.response.topic";
    private static final String RESPONSE_TOPIC_DOC = "The response topic of each message, for request/response: "
            + "fixed or " + TEMPLATE_SYNTAX + ", e.g. replies/{value.deviceId}. Empty: the record's "
            + MqttHeaders.RESPONSE_TOPIC + " header, when it has one.";

    public static final String CORRELATION_DATA_CONFIG = "mqtt.correlation.data";
    private static final String CORRELATION_DATA_DOC = "The correlation data of each message, as the UTF-8 of "
            + TEMPLATE_SYNTAX + ", e.g. {header:request-id}. Empty: the record's " + MqttHeaders.CORRELATION_DATA
            + " header, when it has one (bytes; text is read as Base64, as Connect's default header converter "
            + "writes bytes).";

    public static final String MESSAGE_EXPIRY_INTERVAL_MS_CONFIG = "mqtt.message.expiry.interval.ms";
    private static final String MESSAGE_EXPIRY_INTERVAL_MS_DOC = "How long the broker may keep each message for a "
            + "subscriber that is not there yet. Empty: the record's " + MqttHeaders.MESSAGE_EXPIRY_INTERVAL
            + " header in seconds, when it has one; else no expiry.";

    public static final String MESSAGE_EXPIRY_COUNTS_RECORD_AGE_CONFIG = "mqtt.message.expiry.counts.record.age";
    private static final String MESSAGE_EXPIRY_COUNTS_RECORD_AGE_DOC = "Whether the message expiry interval counts "
            + "from the record's timestamp, as MQTT counts it from publication: the record's age is taken off, and "
            + "a record already older than its interval is not published (counted as expired).";

    public static final String OUTBOUND_TOPIC_ALIASES_CONFIG = "mqtt.outbound.topic.aliases";
    private static final String OUTBOUND_TOPIC_ALIASES_DOC = "How many topics the task may publish to by a "
            + "topic alias, which saves the topic's bytes on each message but the first; never more than the broker "
            + "allows. Worth it when many records go to a few long topics. 0: none.";

    private static final List<String> KEYS = List.of(HEADERS_INCLUDE_CONFIG, HEADERS_EXCLUDE_CONFIG,
            CONTENT_TYPE_CONFIG, RESPONSE_TOPIC_CONFIG, CORRELATION_DATA_CONFIG, MESSAGE_EXPIRY_INTERVAL_MS_CONFIG,
            MESSAGE_EXPIRY_COUNTS_RECORD_AGE_CONFIG, OUTBOUND_TOPIC_ALIASES_CONFIG);

    static final CrossFieldRules RULES = (c, problems) -> MqttVersionKeys.requireMqtt5(c, KEYS, problems);

    private SinkMqtt5Keys() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        ParsedBy regex = new ParsedBy(Pattern::compile, "a regular expression");
        ParsedBy template = new ParsedBy(SinkTextTemplate::parse, TEMPLATE_SYNTAX);
        return def.define(HEADERS_INCLUDE_CONFIG, Type.STRING, ".*", regex, Importance.MEDIUM, HEADERS_INCLUDE_DOC,
                        GROUP, ++order, Width.MEDIUM, "Headers as user properties")
                .define(HEADERS_EXCLUDE_CONFIG, Type.STRING, "", regex, Importance.LOW, HEADERS_EXCLUDE_DOC, GROUP,
                        ++order, Width.MEDIUM, "Headers not as user properties")
                .define(CONTENT_TYPE_CONFIG, Type.STRING, "", template, Importance.LOW, CONTENT_TYPE_DOC, GROUP,
                        ++order, Width.MEDIUM, "Content type")
                .define(RESPONSE_TOPIC_CONFIG, Type.STRING, "", template, Importance.LOW, RESPONSE_TOPIC_DOC, GROUP,
                        ++order, Width.MEDIUM, "Response topic")
                .define(CORRELATION_DATA_CONFIG, Type.STRING, "", template, Importance.LOW, CORRELATION_DATA_DOC,
                        GROUP, ++order, Width.MEDIUM, "Correlation data")
                .define(MESSAGE_EXPIRY_INTERVAL_MS_CONFIG, Type.LONG, null,
                        new EmptyOr(ConfigDef.Range.between(0, 4_294_967_295_000L)), Importance.LOW,
                        MESSAGE_EXPIRY_INTERVAL_MS_DOC, GROUP, ++order, Width.SHORT, "Message expiry (ms)")
                .define(MESSAGE_EXPIRY_COUNTS_RECORD_AGE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        MESSAGE_EXPIRY_COUNTS_RECORD_AGE_DOC, GROUP, ++order, Width.SHORT,
                        "Expiry counts record age")
                .define(OUTBOUND_TOPIC_ALIASES_CONFIG, Type.INT, 0, ConfigDef.Range.between(0, 65_535),
                        Importance.LOW, OUTBOUND_TOPIC_ALIASES_DOC, GROUP, ++order, Width.SHORT,
                        "Outbound topic aliases");
    }

    static HeaderUserProperties userProperties(AbstractConfig c) {
        return new HeaderUserProperties(c.getString(HEADERS_INCLUDE_CONFIG), c.getString(HEADERS_EXCLUDE_CONFIG));
    }

    static SinkMessageProperties messageProperties(AbstractConfig c, LongSupplier clock) {
        return new SinkMessageProperties(SinkTextTemplate.parse(c.getString(CONTENT_TYPE_CONFIG)),
                SinkTextTemplate.parse(c.getString(RESPONSE_TOPIC_CONFIG)),
                SinkTextTemplate.parse(c.getString(CORRELATION_DATA_CONFIG)),
                c.getLong(MESSAGE_EXPIRY_INTERVAL_MS_CONFIG), c.getBoolean(MESSAGE_EXPIRY_COUNTS_RECORD_AGE_CONFIG),
                clock);
    }

    static int outboundTopicAliases(AbstractConfig c) {
        return c.getInt(OUTBOUND_TOPIC_ALIASES_CONFIG);
    }
}
