package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.template.TopicTemplate;
import java.util.regex.Pattern;

/**
 * The Kafka topic a message goes to, from {@code kafka.topic}, in the template language of {@link TopicTemplate}.
 * {@code {topic}} is the whole MQTT topic with '/' turned into '.', and {@code {N}} is level N (0-based) of the
 * MQTT topic. A name without placeholders is a fixed topic. Whatever the MQTT topic holds, the result is a legal
 * Kafka topic name: characters outside {@code [a-zA-Z0-9._-]} (a literal brace too) become '_' and the name is cut
 * to 249 characters, so mapping never fails at run time.
 */
final class SourceTopicTemplate {
    static final int MAX_KAFKA_TOPIC_LENGTH = 249;
    static final String SYNTAX = "a Kafka topic name with optional {topic} and {N} placeholders";
    private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final Pattern LEVEL_NUMBER = Pattern.compile("\\d{1,4}");

    /** {@code {topic}}: the whole MQTT topic, its levels joined by '.'. */
    private record WholeTopic() implements TopicTemplate.Placeholder<String> {
        @Override
        public String render(String mqttTopic) {
            return mqttTopic.replace('/', '.');
        }
    }

    /** {@code {N}}: level N of the MQTT topic, counted from 0. */
    private record Level(int index) implements TopicTemplate.Placeholder<String> {
        @Override
        public String render(String mqttTopic) {
            int start = 0;
            for (int level = 0; level < index; level++) {
                start = mqttTopic.indexOf('/', start) + 1;
                if (start == 0) {
                    // Validation ensures the level exists for the configured filters; a broker that sends a topic
                    // the filter does not match still gets a name rather than a failed task.
                    return "";
                }
            }
            int end = mqttTopic.indexOf('/', start);
            return end < 0 ? mqttTopic.substring(start) : mqttTopic.substring(start, end);
        }
    }

    private static final TopicTemplate.Vocabulary<String> VOCABULARY = name -> {
        if (name.equals("topic")) {
            return new WholeTopic();
        }
        if (LEVEL_NUMBER.matcher(name).matches()) {
            return new Level(Integer.parseInt(name));
        }
        throw new IllegalArgumentException("unknown placeholder {" + name + "}: use {topic} for the whole MQTT "
                + "topic or {N} for its level N, counted from 0");
    };

    private final TopicTemplate<String> template;

    private SourceTopicTemplate(TopicTemplate<String> template) {
        this.template = template;
    }

    /** Parses a template; throws {@link IllegalArgumentException} saying what to fix. */
    static SourceTopicTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("give a Kafka topic name, or a template such as 'mqtt.{topic}' or "
                    + "'sensors.{1}'");
        }
        return new SourceTopicTemplate(TopicTemplate.parse(template, VOCABULARY));
    }

    /**
     * Why some topic that {@code filter} matches would lack a level this template uses, or null when every one
     * has them all. A '+' matches exactly one level; a trailing '#' matches zero or more, so no level from it on
     * is sure to exist.
     */
    String missingCapture(String filter) {
        String[] levels = SubscriptionFilter.topicFilter(filter).split("/", -1);
        int sure = levels[levels.length - 1].equals("#") ? levels.length - 1 : levels.length;
        for (TopicTemplate.Placeholder<String> p : template.placeholders()) {
            if (p instanceof Level level && level.index() >= sure) {
                return "{" + level.index() + "} is level " + level.index() + " (counted from 0) of the MQTT "
                        + "topic, but topics matching '" + filter + "' " + (sure == 0 ? "may have no fixed level"
                        : "are sure to have only levels 0 to " + (sure - 1))
                        + "; use a lower level number or {topic}, or a filter with more levels";
            }
        }
        return null;
    }

    /** The Kafka topic for a message on {@code mqttTopic}; no source placeholder throws. */
    String render(String mqttTopic) throws BadRecordException {
        return sanitize(template.render(mqttTopic));
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
        return template.toString();
    }
}
