package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A Prometheus server (Debian's {@code prometheus} package) in a process of its own that scrapes one target every
 * second, with its query API, so that a test can run the PromQL a dashboard runs against real series.
 *
 * <p>Tests call {@link #assumeAvailable()} first: a machine without prometheus skips them visibly, except when
 * the environment sets {@value #REQUIRE_ENV}=true (CI does), where a missing prometheus fails them instead.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final String REQUIRE_ENV = "MQTTBRIDGE_REQUIRE_PROMETHEUS";
    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI url;
    private final Path logFile;

    private PrometheusServer(Process process, URI url, Path logFile) {
        this.process = process;
        this.url = url;
        this.logFile = logFile;
    }

    public static void assumeAvailable() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = "prometheus is not installed (apt-get install prometheus)";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(message + ", and " + REQUIRE_ENV + "=true requires it");
        }
        Assumptions.abort(message);
    }

    /**
     * Starts a server that scrapes {@code target} (an exporter's {@code /metrics} URL) every second, and returns once
     * it is ready to answer queries. Its files go to {@code target/prometheus/<id>/}.
     */
    public static PrometheusServer start(URI target) throws IOException {
        assumeAvailable();
        Path directory = Path.of("target", "prometheus", UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        Files.createDirectories(directory);
        Path config = Files.writeString(directory.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: connect
                    metrics_path: %s
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(target.getPath(), target.getHost(), target.getPort()));
        int port = FreePorts.next();
        Path logFile = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"),
                logFile);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(10)).GET()
                .build();
        await("prometheus ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + log());
            }
            try {
                return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * The series an instant query returns now (the API's {@code data.result}); an expression Prometheus refuses,
     * for its syntax or its types, throws with Prometheus's error.
     */
    public List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql);
        List<JsonNode> series = new ArrayList<>();
        data.path("result").forEach(series::add);
        return series;
    }

    /** The values of {@code label} on the series of {@code metric}, as Grafana's {@code label_values} asks. */
    public List<String> labelValues(String label, String metric) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/label/" + label + "/values?match[]="
                + URLEncoder.encode(metric, StandardCharsets.UTF_8), "label_values(" + metric + ", " + label + ")");
        List<String> values = new ArrayList<>();
        data.forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode get(String pathAndQuery, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("prometheus refused " + what + ": " + body.path("errorType").asText()
                    + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    private String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
