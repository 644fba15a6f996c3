package io.github.mqttbridge.soak;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;

/**
 * What one soak run does, from system properties: {@code soak.duration} (the fault phase; {@code 60s} unless set,
 * e.g. {@code 10m}), {@code soak.seed} (the fault schedule's seed; random unless set, so that a failing run can be
 * replayed), {@code soak.report} (the Markdown file whose {@code soak} region the report replaces; none unless
 * set, so that CI writes only under target/).
 *
 * @param ratePerLane messages per second each QoS lane publishes during the fault phase
 * @param devices simulated devices of the load phase, each its own MQTT connection and topic
 * @param messagesPerDevice what each device publishes
 * @param fanOutTopics distinct MQTT topics the sink task publishes to
 * @param fanOutRecords records the sink task publishes, spread evenly over those topics
 */
record SoakOptions(Duration duration, long seed, Path report, int ratePerLane, int devices, int messagesPerDevice,
                   int fanOutTopics, int fanOutRecords) {

    /** From this duration on, a run is the long form and its load phases are full size. */
    private static final Duration LONG_FORM = Duration.ofMinutes(5);

    static SoakOptions fromSystemProperties() {
        Duration duration = parseDuration(property("soak.duration", "60s"));
        String seedText = property("soak.seed", "");
        long seed = seedText.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(seedText);
        String report = property("soak.report", "");
        boolean longForm = duration.compareTo(LONG_FORM) >= 0;
        return new SoakOptions(duration, seed, report.isEmpty() ? null : Path.of(report), 100, 1_000,
                longForm ? 30 : 5, 10_000, longForm ? 50_000 : 10_000);
    }

    /** Blank counts as unset: the pom passes every soak property, empty when the command line gave none. */
    private static String property(String name, String fallback) {
        String value = System.getProperty(name, "").trim();
        return value.isEmpty() ? fallback : value;
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}, or plain seconds. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        char unit = t.charAt(t.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("soak.duration must be like 60s, 10m or 1h, was " + text);
        };
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }

    /** The command that runs this soak again with the same schedule. */
    String replayCommand() {
        return "mvn verify -Psoak -Dsoak.duration=" + duration.toSeconds() + "s -Dsoak.seed=" + seed;
    }
}
