package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A client for the Connect worker's REST API. Every call that gets a status outside 2xx throws a
 * {@link ConnectRestException} carrying the status and the worker's response body, which is where Connect puts
 * the reason (a config error, a missing plugin, a rebalance in progress).
 */
public final class ConnectRest {

    /**
     * Tasks start in seconds; this ceiling leaves room for a rebalance or two on a machine that is also busy with
     * other work (see docs/testing.md). It only bounds a failing wait.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<URI> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code baseUrl} is asked on every call, so that the client follows a worker restarted on a new port. */
    public ConnectRest(Supplier<URI> baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record TaskStatus(int id, String state, String workerId, String trace) {
    }

    /** {@code GET /connectors/{name}/status}; {@code trace} is null unless the connector failed. */
    public record ConnectorStatus(String name, String type, String state, String workerId, String trace,
                                  List<TaskStatus> tasks) {

        public boolean runningWith(int taskCount) {
            return "RUNNING".equals(state) && tasks.size() == taskCount
                    && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
        }

        /** The traces of the connector and of every failed task, for assertion messages. */
        public String failures() {
            StringBuilder out = new StringBuilder();
            if ("FAILED".equals(state)) {
                out.append("connector ").append(name).append(" FAILED on ").append(workerId).append(":\n")
                        .append(trace).append('\n');
            }
            for (TaskStatus task : tasks) {
                if ("FAILED".equals(task.state())) {
                    out.append("task ").append(task.id()).append(" FAILED on ").append(task.workerId())
                            .append(":\n").append(task.trace()).append('\n');
                }
            }
            return out.toString();
        }
    }

    /** An entry of {@code GET /connector-plugins}: {@code type} is source, sink, converter, transformation... */
    public record PluginInfo(String className, String type, String version) {
    }

    /**
     * The answer of a config validation: {@code errors} holds only the keys with at least one error, each with
     * Connect's messages for it, in the order Connect lists the keys.
     */
    public record Validation(int errorCount, Map<String, List<String>> errors) {
    }

    public static final class ConnectRestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        ConnectRestException(String method, URI uri, int status, String body) {
            super(method + " " + uri + " -> HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    public URI baseUrl() {
        return baseUrl.get();
    }

    /** {@code POST /connectors}; the worker answers once the config is written, before any task runs. */
    public JsonNode createConnector(String name, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.set("config", JSON.valueToTree(config));
        return send("POST", "/connectors", body);
    }

    /** {@code PUT /connectors/{name}/config}: creates or reconfigures. */
    public JsonNode putConfig(String name, Map<String, String> config) {
        return send("PUT", "/connectors/" + encode(name) + "/config", JSON.valueToTree(config));
    }

    public Map<String, String> config(String name) {
        return JSON.convertValue(send("GET", "/connectors/" + encode(name) + "/config", null),
                JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class));
    }

    public void deleteConnector(String name) {
        send("DELETE", "/connectors/" + encode(name), null);
    }

    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        send("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
        return names;
    }

    public ConnectorStatus connectorStatus(String name) {
        JsonNode json = send("GET", "/connectors/" + encode(name) + "/status", null);
        JsonNode connector = json.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : json.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(), textOrNull(task.path("trace"))));
        }
        return new ConnectorStatus(json.path("name").asText(), textOrNull(json.path("type")),
                connector.path("state").asText(), connector.path("worker_id").asText(),
                textOrNull(connector.path("trace")), List.copyOf(tasks));
    }

    /**
     * Waits until the connector and exactly {@code tasks} tasks are RUNNING. A connector or task that reaches
     * FAILED ends the wait at once with its stack trace, instead of letting the timeout hide the cause.
     */
    public ConnectorStatus awaitRunning(String name, int tasks) {
        return awaitRunning(name, tasks, DEFAULT_TIMEOUT);
    }

    public ConnectorStatus awaitRunning(String name, int tasks, Duration timeout) {
        ConnectorStatus[] last = new ConnectorStatus[1];
        await("connector " + name + " RUNNING with " + tasks + " running tasks")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ConnectorStatus status = statusOrNull(name);
                    last[0] = status;
                    if (status == null) {
                        return false;
                    }
                    String failures = status.failures();
                    if (!failures.isEmpty()) {
                        throw new AssertionError("waiting for " + name + " to run:\n" + failures);
                    }
                    return status.runningWith(tasks);
                });
        return last[0];
    }

    /** Waits until the connector, or a task if {@code taskId} is not null, reports {@code state}. */
    public ConnectorStatus awaitState(String name, Integer taskId, String state, Duration timeout) {
        ConnectorStatus[] last = new ConnectorStatus[1];
        await("connector " + name + (taskId == null ? "" : " task " + taskId) + " " + state)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ConnectorStatus status = statusOrNull(name);
                    last[0] = status;
                    if (status == null) {
                        return false;
                    }
                    if (taskId == null) {
                        return state.equals(status.state());
                    }
                    return status.tasks().stream().anyMatch(t -> t.id() == taskId && state.equals(t.state()));
                });
        return last[0];
    }

    /** Waits until the worker no longer lists the connector (deletion is asynchronous across the group). */
    public void awaitDeleted(String name) {
        await("connector " + name + " deleted").atMost(DEFAULT_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> statusOrNull(name) == null);
    }

    public void restartTask(String name, int taskId) {
        send("POST", "/connectors/" + encode(name) + "/tasks/" + taskId + "/restart", null);
    }

    /** {@code POST /connectors/{name}/restart}, with Connect's own flags for also restarting the tasks. */
    public void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
        send("POST", "/connectors/" + encode(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed="
                + onlyFailed, null);
    }

    public void pause(String name) {
        send("PUT", "/connectors/" + encode(name) + "/pause", null);
    }

    public void resume(String name) {
        send("PUT", "/connectors/" + encode(name) + "/resume", null);
    }

    /**
     * {@code GET /connectors/{name}/offsets}: for a source connector the partition/offset maps its tasks
     * committed, for a sink connector the consumer group's offsets; as Connect's JSON.
     */
    public JsonNode offsets(String name) {
        return send("GET", "/connectors/" + encode(name) + "/offsets", null);
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}. An unknown class is an HTTP error (thrown), not a
     * validation result.
     */
    public Validation validate(String connectorClass, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", connectorClass);
        JsonNode json = send("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate",
                JSON.valueToTree(body));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode entry : json.path("configs")) {
            JsonNode value = entry.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), List.copyOf(messages));
            }
        }
        return new Validation(json.path("error_count").asInt(), errors);
    }

    /** {@code GET /connector-plugins?connectorsOnly=...}: connectors only, or converters and transforms too. */
    public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
        List<PluginInfo> plugins = new ArrayList<>();
        for (JsonNode plugin : send("GET", "/connector-plugins?connectorsOnly=" + connectorsOnly, null)) {
            plugins.add(new PluginInfo(plugin.path("class").asText(), plugin.path("type").asText(),
                    plugin.path("version").asText()));
        }
        return plugins;
    }

    public List<PluginInfo> connectorPlugins() {
        return connectorPlugins(true);
    }

    /** Any GET, for endpoints this class has no method for. */
    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    private ConnectorStatus statusOrNull(String name) {
        try {
            return connectorStatus(name);
        } catch (ConnectRestException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = baseUrl.get().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConnectRestException(method, uri, response.statusCode(), response.body());
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + uri + " returned no JSON: " + text, e);
        }
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
