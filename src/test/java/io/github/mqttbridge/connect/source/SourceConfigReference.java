package io.github.mqttbridge.connect.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The source connector's configuration reference in README.md, rendered from its ConfigDef so that the two
 * cannot drift apart: {@code SourceConfigReferenceTest} fails when they differ, and {@link #main} rewrites the
 * table between the markers.
 */
final class SourceConfigReference {
    static final String BEGIN = "<!-- source-config-begin -->";
    static final String END = "<!-- source-config-end -->";
    static final Path README = Path.of("README.md");

    private SourceConfigReference() {
    }

    /** Rewrites README.md's table: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test ...}. */
    public static void main(String[] args) throws IOException {
        Files.writeString(README, withTable(Files.readString(README), table()));
    }

    static String table() {
        StringBuilder md = new StringBuilder("| Key | Type | Default | Valid values | Importance | Description |\n"
                + "|---|---|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = MqttSourceConnectorConfig.CONFIG_DEF.configKeys().values().stream()
                .filter(k -> !k.internalConfig)
                .toList();
        String group = null;
        for (ConfigDef.ConfigKey k : keys) {
            if (!k.group.equals(group)) {
                group = k.group;
                md.append("| **").append(group).append("** | | | | | |\n");
            }
            md.append("| `").append(k.name).append("` | ").append(k.type.name().toLowerCase())
                    .append(" | ").append(cell(defaultValue(k)))
                    .append(" | ").append(cell(k.validator == null ? "" : k.validator.toString()))
                    .append(" | ").append(k.importance.name().toLowerCase())
                    .append(" | ").append(cell(k.documentation)).append(" |\n");
        }
        return md.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey k) {
        if (!k.hasDefault()) {
            return "(required)";
        }
        Object v = k.defaultValue;
        if (v == null || v instanceof Password) {
            return "";
        }
        String s = v instanceof List<?> list ? String.join(",", list.stream().map(Object::toString).toList())
                : v.toString();
        return s.isEmpty() ? "\"\"" : "`" + s + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The table between the markers of {@code readme}, or null when the markers are missing. */
    static String tableIn(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        return begin < 0 || end < begin ? null : readme.substring(begin + BEGIN.length() + 1, end);
    }

    static String withTable(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("README.md lacks " + BEGIN + " ... " + END);
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
    }
}
