package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.internal.datatypes.TopicName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The MQTT topic of a record, from a template such as {@code devices/{key}/commands}. Placeholders:
 * {@code {topic}}, {@code {partition}}, {@code {key}}, {@code {key.<path>}}, {@code {value.<path>}} and
 * {@code {header:<name>}}; {@code {{} and {@code }}} stand for literal braces; anything else is literal.
 * An empty template means the Kafka topic name.
 */
final class TopicTemplate {
    static final String SYNTAX = "{topic}, {partition}, {key}, {key.<path>}, {value.<path>}, {header:<name>}; "
            + "{{ and }} for literal braces";

    private interface Part {
        String render(SinkRecord record) throws BadRecordException;
    }

    private final String text;
    private final List<Part> parts;

    private TopicTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses a template; an {@link IllegalArgumentException} names what is wrong and where. */
    static TopicTemplate parse(String template) {
        if (template == null || template.isEmpty()) {
            return new TopicTemplate("{topic}", List.of(SinkRecord::topic));
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && template.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && template.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}' at position " + i + " (write }} for a literal one)");
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' at position " + i);
                }
                if (literal.length() > 0) {
                    String text = literal.toString();
                    parts.add(r -> text);
                    literal.setLength(0);
                }
                parts.add(placeholder(template.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '+' || c == '#') {
                // Caught here, at validation, rather than as every record turning bad at run time.
                throw new IllegalArgumentException("'" + c + "' at position " + i + " is an MQTT wildcard, which a "
                        + "topic to publish to must not contain");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            String text = literal.toString();
            parts.add(r -> text);
        }
        return new TopicTemplate(template, List.copyOf(parts));
    }

    private static Part placeholder(String name) {
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
        if (name.startsWith("header:") && name.length() > "header:".length()) {
            String header = name.substring("header:".length());
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
        StringBuilder topic = new StringBuilder();
        for (Part part : parts) {
            topic.append(part.render(record));
        }
        String result = topic.toString();
        String problem = TopicName.problem(result);
        if (problem != null) {
            throw new BadRecordException("the MQTT topic '" + result.replace("\u0000", "\\u0000") + "' made from "
                    + "template '" + text + "' is not a valid topic name: it " + problem);
        }
        return result;
    }

    @Override
    public String toString() {
        return text;
    }
}
