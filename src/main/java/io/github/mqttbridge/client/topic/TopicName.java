package io.github.mqttbridge.client.topic;

import io.github.mqttbridge.client.codec.MqttUtf8;

/** The rules of a topic name, the destination of a PUBLISH (MQTT 3.1.1 section 4.7). */
public final class TopicName {
    private TopicName() {
    }

    /** Why {@code topic} is not a valid topic name, or null when it is. */
    public static String problem(String topic) {
        if (topic == null) {
            return "must not be null";
        }
        if (topic.isEmpty()) {
            return "must not be empty";
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "must not contain the wildcards '+' or '#'";
        }
        return MqttUtf8.problem(topic);
    }

    /**
     * Returns {@code topic} if valid; otherwise throws an {@link IllegalArgumentException} naming
     * {@code parameter}, the value and the rule it breaks.
     */
    public static String require(String topic, String parameter) {
        String problem = problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(parameter + " " + problem + ", was " + quote(topic));
        }
        return topic;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + shown.replace("\u0000", "\\u0000") + "'";
    }
}
