package io.github.mqttbridge.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka topic a message goes to, from {@code kafka.topic}: literal text with placeholders. {@code {topic}} is
 * the whole MQTT topic with '/' turned into '.', and {@code {N}} is level N (0-based) of the MQTT topic. A name
 * without placeholders is a fixed topic. Whatever the MQTT topic holds, the result is a legal Kafka topic name:
 * characters outside {@code [a-zA-Z0-9._-]} become '_' and the name is cut to 249 characters, so mapping never
 * fails at run time.
 */
final class TopicTemplate {
    static final int MAX_KAFKA_TOPIC_LENGTH = 249;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final String WHOLE_TOPIC = "topic";

    private sealed interface Part permits Literal, WholeTopic, Level {
    }

    private record Literal(String text) implements Part {
    }

    private record WholeTopic() implements Part {
    }

    private record Level(int index) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private TopicTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses a template; throws {@link IllegalArgumentException} saying what to fix. */
    static TopicTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("give a Kafka topic name, or a template such as 'mqtt.{topic}' or "
                    + "'sensors.{1}'");
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int end = 0;
        while (m.find()) {
            literal(template.substring(end, m.start()), parts);
            parts.add(placeholder(m.group(1)));
            end = m.end();
        }
        literal(template.substring(end), parts);
        return new TopicTemplate(template, List.copyOf(parts));
    }

    private static void literal(String text, List<Part> parts) {
        if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
            throw new IllegalArgumentException("unbalanced '{' or '}' in '" + text + "': placeholders are {topic} "
                    + "or {N} with N a level number such as {0}");
        }
        if (!text.isEmpty()) {
            parts.add(new Literal(text));
        }
    }

    private static Part placeholder(String name) {
        if (name.equals(WHOLE_TOPIC)) {
            return new WholeTopic();
        }
        if (name.matches("\\d{1,4}")) {
            return new Level(Integer.parseInt(name));
        }
        throw new IllegalArgumentException("unknown placeholder {" + name + "}: use {topic} for the whole MQTT "
                + "topic or {N} for its level N, counted from 0");
    }

    /**
     * Why some topic that {@code filter} matches would lack a level this template uses, or null when every one
     * has them all. A '+' matches exactly one level; a trailing '#' matches zero or more, so no level from it on
     * is sure to exist.
     */
    String missingCapture(String filter) {
        String topicFilter = SubscriptionFilter.topicFilter(filter);
        String[] levels = topicFilter.split("/", -1);
        int sure = levels[levels.length - 1].equals("#") ? levels.length - 1 : levels.length;
        for (Part p : parts) {
            if (p instanceof Level level && level.index() >= sure) {
                return "{" + level.index() + "} is level " + level.index() + " (counted from 0) of the MQTT "
                        + "topic, but topics matching '" + filter + "' " + (sure == 0 ? "may have no fixed level"
                        : "are sure to have only levels 0 to " + (sure - 1))
                        + "; use a lower level number or {topic}, or a filter with more levels";
            }
        }
        return null;
    }

    /** The Kafka topic for a message on {@code mqttTopic}. */
    String render(String mqttTopic) {
        String[] levels = null;
        StringBuilder name = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal literal) {
                name.append(literal.text());
            } else if (p instanceof WholeTopic) {
                name.append(mqttTopic.replace('/', '.'));
            } else if (p instanceof Level level) {
                if (levels == null) {
                    levels = mqttTopic.split("/", -1);
                }
                // Validation ensures the level exists for the configured filters; a broker that sends a topic
                // the filter does not match still gets a name rather than a failed task.
                name.append(level.index() < levels.length ? levels[level.index()] : "");
            }
        }
        return sanitize(name.toString());
    }

    /** A legal Kafka topic name close to {@code name}. */
    static String sanitize(String name) {
        // called for every record: a name that is legal already, the usual case, costs one scan and no regex
        String legal = isLegal(name) ? name : ILLEGAL.matcher(name).replaceAll("_");
        if (legal.length() > MAX_KAFKA_TOPIC_LENGTH) {
            legal = legal.substring(0, MAX_KAFKA_TOPIC_LENGTH);
        }
        // Kafka refuses exactly these three names besides the character and length rules.
        if (legal.isEmpty() || legal.equals(".") || legal.equals("..")) {
            legal = legal.isEmpty() ? "_" : legal.replace('.', '_');
        }
        return legal;
    }

    private static boolean isLegal(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!legal) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
