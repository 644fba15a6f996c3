package io.github.mqttbridge.connect.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/** Renders a ConfigDef as the Markdown table README.md shows, by group and in each group's order. */
final class SinkConfigMarkdown {
    private SinkConfigMarkdown() {
    }

    static String render(ConfigDef def) {
        List<ConfigDef.ConfigKey> keys = new ArrayList<>(def.configKeys().values());
        List<String> groups = def.groups();
        keys.sort(Comparator.comparingInt((ConfigDef.ConfigKey k) -> groups.indexOf(k.group))
                .thenComparingInt(k -> k.orderInGroup));
        StringBuilder out = new StringBuilder();
        out.append("| Key | Group | Type | Default | Valid values | Importance | Description |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey k : keys) {
            out.append("| `").append(k.name).append("` | ").append(k.group).append(" | ")
                    .append(k.type.name().toLowerCase()).append(" | ").append(defaultOf(k)).append(" | ")
                    .append(cell(k.validator == null ? "" : k.validator.toString())).append(" | ")
                    .append(k.importance.name().toLowerCase()).append(" | ").append(cell(k.documentation))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey k) {
        if (!k.hasDefault()) {
            return "(required)";
        }
        if (k.defaultValue == null) {
            return "";
        }
        String shown = k.defaultValue instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(k.defaultValue);
        return shown.isEmpty() ? "\"\"" : "`" + shown + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
                .replace("{", "&#123;").replace("}", "&#125;");
    }
}
