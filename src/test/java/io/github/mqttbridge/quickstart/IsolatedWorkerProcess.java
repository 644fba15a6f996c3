package io.github.mqttbridge.quickstart;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.testing.PluginPackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker in a JVM of its own whose class path holds the Kafka and test dependencies only
 * ({@link PluginPackage#isolatedClassPath()}), never {@code target/classes}: our connectors can reach it only
 * through {@code plugin.path}, in their own plugin class loader, as in production. The class path is checked for
 * classes of ours, so the isolation is proven, not assumed.
 */
public final class IsolatedWorkerProcess implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final Path log;

    private IsolatedWorkerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts a worker from {@code baseProperties} (a file such as config/connect-distributed.properties) with
     * {@code overrides} on top, logging to {@code log}, and returns once {@code GET /health} answers 200.
     */
    public static IsolatedWorkerProcess start(Path baseProperties, Map<String, String> overrides, Path log,
                                             Duration timeout) {
        try {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(baseProperties)) {
                props.load(in);
            }
            props.putAll(overrides);
            Path workDir = Files.createDirectories(log.toAbsolutePath().getParent());
            Path propsFile = workDir.resolve("connect-worker-" + ProcessHandle.current().pid() + ".properties");
            try (var out = Files.newBufferedWriter(propsFile)) {
                props.store(out, "generated from " + baseProperties);
            }
            String classPath = PluginPackage.isolatedClassPath();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms128m", "-Xmx768m",
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                    "-cp", classPath,
                    "org.apache.kafka.connect.cli.ConnectDistributed", propsFile.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            URI url = URI.create(props.getProperty("listeners").replace("0.0.0.0", "localhost") + "/");
            IsolatedWorkerProcess worker = new IsolatedWorkerProcess(process, url, log);
            try {
                worker.awaitHealthy(timeout);
            } catch (RuntimeException | Error e) {
                worker.close();
                throw e;
            }
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return url;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(10)).GET()
                .build();
        await("Connect worker at " + url + " healthy (log: " + log + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the Connect worker exited with " + process.exitValue()
                                + "; last lines of " + log + ":\n" + tail(log, 30));
                    }
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    /** The last {@code lines} lines of a log, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    /** SIGTERM, so that Connect stops its tasks and leaves the group; SIGKILL if it takes longer than 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Connect worker pid " + process.pid() + " at " + url + ", log " + log;
    }
}
