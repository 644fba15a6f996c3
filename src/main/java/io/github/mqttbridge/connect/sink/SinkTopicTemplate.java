package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttTopics;
import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.template.TopicTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The MQTT topic of a record, from {@code mqtt.topic}, in the template language of {@link TopicTemplate}, e.g.
 * {@code devices/{key}/commands}. Placeholders: {@code {topic}}, {@code {partition}}, {@code {key}},
 * {@code {key.<path>}}, {@code {value.<path>}} and {@code {header:<name>}}. An empty template means the Kafka
 * topic name. The MQTT wildcards '+' and '#' are refused in the literal text, and a rendered topic that is no
 * valid MQTT topic name makes the record a bad one.
 */
final class SinkTopicTemplate {
    static final String SYNTAX = "{topic}, {partition}, {key}, {key.<path>}, {value.<path>}, {header:<name>}; "
            + "{{ and }} for literal braces";
    private static final String HEADER_PREFIX = "header:";

    private static final TopicTemplate.Vocabulary<SinkRecord> VOCABULARY = new TopicTemplate.Vocabulary<>() {
        @Override
        public TopicTemplate.Placeholder<SinkRecord> placeholder(String name) {
            return SinkTopicTemplate.placeholder(name);
        }

        @Override
        public void checkLiteral(char c, int position) {
            if (c == '+' || c == '#') {
                // Caught here, at validation, rather than as every record turning bad at run time.
                throw new IllegalArgumentException("'" + c + "' at position " + position + " is an MQTT wildcard, "
                        + "which a topic to publish to must not contain");
            }
        }
    };

    private final TopicTemplate<SinkRecord> template;

    private SinkTopicTemplate(TopicTemplate<SinkRecord> template) {
        this.template = template;
    }

    /** Parses a template; an {@link IllegalArgumentException} names what is wrong and where. */
    static SinkTopicTemplate parse(String template) {
        String text = template == null || template.isEmpty() ? "{topic}" : template;
        return new SinkTopicTemplate(TopicTemplate.parse(text, VOCABULARY));
    }

    /** A placeholder of the sink's vocabulary, which {@link SinkTextTemplate} shares. */
    static TopicTemplate.Placeholder<SinkRecord> placeholder(String name) {
        switch (name) {
            case "topic":
                return SinkRecord::topic;
            case "partition":
                return r -> String.valueOf(r.kafkaPartition());
            case "key":
                return r -> scalar(r.key(), "the key");
            default:
                break;
        }
        if (name.startsWith(HEADER_PREFIX) && name.length() > HEADER_PREFIX.length()) {
            String header = name.substring(HEADER_PREFIX.length());
            return r -> {
                Header h = r.headers().lastWithName(header);
                if (h == null) {
                    throw new BadRecordException("the record has no header '" + header + "'");
                }
                return scalar(h.value(), "header '" + header + "'");
            };
        }
        for (String root : List.of("key", "value")) {
            if (name.startsWith(root + ".")) {
                FieldPath path = FieldPath.parse(name.substring(root.length() + 1));
                String what = "the " + root;
                return r -> scalar(path.resolve(root.equals("key") ? r.key() : r.value(), what),
                        what + " field '" + path + "'");
            }
        }
        throw new IllegalArgumentException("unknown placeholder {" + name + "}; known: " + SYNTAX);
    }

    private static String scalar(Object value, String what) throws BadRecordException {
        if (value == null) {
            throw new BadRecordException(what + " is null");
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character) {
            return value.toString();
        }
        throw new BadRecordException(what + " is " + FieldPath.describe(value) + ", not text or a number");
    }

    /** The topic of {@code record}; a {@link BadRecordException} when a part is missing or the topic is invalid. */
    String render(SinkRecord record) throws BadRecordException {
        String result = template.render(record);
        Optional<String> problem = MqttTopics.nameProblem(result);
        if (problem.isPresent()) {
            throw new BadRecordException("the MQTT topic '" + result.replace("\u0000", "\\u0000") + "' made from "
                    + "template '" + template + "' is not a valid topic name: it " + problem.get());
        }
        return result;
    }

    @Override
    public String toString() {
        return template.toString();
    }
}
