package io.github.mqttbridge.client.internal.datatypes;

import io.github.mqttbridge.client.internal.datatypes.MqttUtf8;

/** The rules of a topic filter, the subject of a SUBSCRIBE (MQTT 3.1.1 section 4.7), and topic matching. */
public final class TopicFilter {
    private static final String SHARE_PREFIX = "$share/";

    private TopicFilter() {
    }

    /** Why {@code filter} is not a valid topic filter, or null when it is. */
    public static String problem(String filter) {
        if (filter == null) {
            return "must not be null";
        }
        if (filter.isEmpty()) {
            return "must not be empty";
        }
        String utf8 = MqttUtf8.problem(filter);
        if (utf8 != null) {
            return utf8;
        }
        if (filter.startsWith(SHARE_PREFIX)) {
            // $share/<group>/<filter>, the shared subscription that Mosquitto, HiveMQ and others offer
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            String group = slash < 0 ? filter.substring(SHARE_PREFIX.length())
                    : filter.substring(SHARE_PREFIX.length(), slash);
            if (group.isEmpty() || group.contains("+") || group.contains("#")) {
                return "is a shared subscription and needs a group name without wildcards: $share/<group>/<filter>";
            }
            if (slash < 0 || slash == filter.length() - 1) {
                return "is a shared subscription and needs a topic filter after the group: $share/<group>/<filter>";
            }
            return levelProblem(filter.substring(slash + 1));
        }
        return levelProblem(filter);
    }

    /** Whether {@code filter} names a shared subscription, {@code $share/<group>/<filter>} (MQTT 5.0 section 4.8.2). */
    public static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    private static String levelProblem(String filter) {
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "may hold '#' only as the whole last level";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "may hold '+' only as a whole level";
            }
        }
        return null;
    }

    /** Returns {@code filter} if valid; otherwise throws an {@link IllegalArgumentException} naming {@code parameter}. */
    public static String require(String filter, String parameter) {
        String problem = problem(filter);
        if (problem != null) {
            throw new IllegalArgumentException(parameter + " " + problem + ", was " + TopicName.quote(filter));
        }
        return filter;
    }

    /**
     * Whether {@code topic} matches {@code filter}. A shared subscription {@code $share/group/f} matches as
     * {@code f}; topics starting with '$' are not matched by a leading wildcard [MQTT-4.7.2-1].
     */
    public static boolean matches(String filter, String topic) {
        if (filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            filter = slash < 0 ? "" : filter.substring(slash + 1);
        }
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int f = 0;
        int t = 0;
        while (f < filter.length()) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (t < topic.length() && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                if (t >= topic.length() || topic.charAt(t) != c) {
                    // "a/#" also matches "a": the parent level of a multi-level wildcard.
                    return t == topic.length() && filter.startsWith("/#", f);
                }
                f++;
                t++;
            }
        }
        return t == topic.length();
    }
}
