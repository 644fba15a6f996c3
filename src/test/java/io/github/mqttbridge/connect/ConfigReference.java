package io.github.mqttbridge.connect;

import io.github.mqttbridge.connect.sink.MqttSinkConnectorConfig;
import io.github.mqttbridge.connect.source.MqttSourceConnectorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration reference tables of the connector guides (docs/source.md, docs/sink.md), rendered from the
 * connectors' ConfigDefs so that the two cannot drift apart: {@code SourceConfigReferenceTest} and
 * {@code SinkConfigReferenceTest} fail when a table differs, and {@link #main} rewrites both between their markers
 * ({@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.mqttbridge.connect.ConfigReference}).
 */
public enum ConfigReference {
    SOURCE("source", MqttSourceConnectorConfig.configDef()),
    SINK("sink", MqttSinkConnectorConfig.configDef());

    private final String marker;
    private final ConfigDef def;

    ConfigReference(String marker, ConfigDef def) {
        this.marker = marker;
        this.def = def;
    }

    public static void main(String[] args) throws IOException {
        for (ConfigReference reference : values()) {
            Files.writeString(reference.guide(), reference.withTable(Files.readString(reference.guide())));
        }
    }

    /** The guide that holds this connector's table: docs/source.md or docs/sink.md. */
    public Path guide() {
        return Path.of("docs", marker + ".md");
    }

    public String begin() {
        return "<!-- " + marker + "-config-begin -->";
    }

    public String end() {
        return "<!-- " + marker + "-config-end -->";
    }

    public ConfigDef configDef() {
        return def;
    }

    /** Every public key by group, in the ConfigDef's group order and each group's order, with a row per group. */
    public String table() {
        List<String> groups = def.groups();
        List<ConfigDef.ConfigKey> keys = new ArrayList<>(def.configKeys().values().stream()
                .filter(k -> !k.internalConfig).toList());
        keys.sort(Comparator.comparingInt((ConfigDef.ConfigKey k) -> groups.indexOf(k.group))
                .thenComparingInt(k -> k.orderInGroup));
        StringBuilder md = new StringBuilder("| Key | Type | Default | Valid values | Importance | Description |\n"
                + "|---|---|---|---|---|---|\n");
        String group = null;
        for (ConfigDef.ConfigKey k : keys) {
            if (k.group != null && !Objects.equals(k.group, group)) {
                group = k.group;
                md.append("| **").append(group).append("** | | | | | |\n");
            }
            md.append("| `").append(k.name).append("` | ").append(k.type.name().toLowerCase())
                    .append(" | ").append(defaultValue(k))
                    .append(" | ").append(cell(k.validator == null ? "" : k.validator.toString()))
                    .append(" | ").append(k.importance.name().toLowerCase())
                    .append(" | ").append(cell(k.documentation)).append(" |\n");
        }
        return md.toString();
    }

    /** The table between the markers of {@code guide}, or null when the markers are missing. */
    public String tableIn(String guide) {
        int begin = guide.indexOf(begin());
        int end = guide.indexOf(end());
        return begin < 0 || end < begin ? null : guide.substring(begin + begin().length() + 1, end);
    }

    String withTable(String guide) {
        int begin = guide.indexOf(begin());
        int end = guide.indexOf(end());
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(guide() + " lacks " + begin() + " ... " + end());
        }
        return guide.substring(0, begin + begin().length()) + "\n" + table() + guide.substring(end);
    }

    private static String defaultValue(ConfigDef.ConfigKey k) {
        if (!k.hasDefault()) {
            return "(required)";
        }
        Object v = k.defaultValue;
        if (v == null || v instanceof Password) {
            return "";
        }
        String s = v instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : v.toString();
        return s.isEmpty() ? "\"\"" : "`" + s + "`";
    }

    /** Markdown table cell text; angle brackets and braces escaped, which GitHub would take for HTML or drop. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
                .replace("{", "&#123;").replace("}", "&#125;");
    }
}
