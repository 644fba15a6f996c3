package io.github.mqttbridge.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of a Grafana dashboard JSON: each panel's PromQL targets and each query variable's metric. */
final class GrafanaDashboard {
    /** {@code label_values(metric, label)}, the variable query Grafana's Prometheus data source offers. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,\\s]+)\\s*,\\s*(\\w+)\\s*\\)");

    /** One PromQL expression of a panel, named after the panel for messages. */
    record Query(String panel, String expression) {
    }

    /** A variable's {@code label_values(metric, label)}. */
    record VariableQuery(String variable, String metric, String label) {
    }

    private final JsonNode json;

    private GrafanaDashboard(JsonNode json) {
        this.json = json;
    }

    static GrafanaDashboard read(Path file) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    }

    /** Every panel's targets, rows' nested panels included; a panel without a target is a row or a text. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        collect(json.path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText(), target.path("expr").asText()));
            }
            collect(panel.path("panels"), queries);
        }
    }

    List<VariableQuery> variableQueries() {
        List<VariableQuery> queries = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                String query = variable.path("query").path("query").asText(variable.path("query").asText());
                Matcher m = LABEL_VALUES.matcher(query);
                if (!m.matches()) {
                    throw new IllegalArgumentException("variable " + variable.path("name").asText()
                            + ": not a label_values(metric, label) query: " + query);
                }
                queries.add(new VariableQuery(variable.path("name").asText(), m.group(1), m.group(2)));
            }
        }
        return queries;
    }
}
