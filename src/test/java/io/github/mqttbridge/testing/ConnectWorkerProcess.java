package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Connect worker in a JVM of its own ({@code ConnectDistributed <worker.properties>}), so that a
 * test can crash it for real: {@link #kill()} is SIGKILL, after which no task gets {@code stop()}, no source
 * offset and no sink consumer offset is committed, no group is left cleanly, and the MQTT connections die
 * without DISCONNECT, as when a machine or container dies. {@link KafkaConnectCluster#stopWorker()} cannot
 * do that, as the in-process worker only stops gracefully.
 *
 * <pre>{@code
 * static KafkaConnectCluster kafka = KafkaConnectCluster.builder().startKafkaOnly();
 * static ConnectWorkerProcess worker = ConnectWorkerProcess.builder(kafka.bootstrapServers()).start();
 * ...
 * worker.rest().createConnector(name, config);
 * worker.kill();
 * worker.start();    // same group, same REST port, so the same worker id
 * }</pre>
 *
 * Several processes built with the same {@link Builder#group(String)} form one Connect cluster.
 *
 * <p>By default the child's class path is this JVM's own: under failsafe a manifest-only jar that names the test
 * and main classes and every test dependency, valid while the test runs. The plugin is found through its
 * ServiceLoader manifests on that class path ({@code plugin.discovery=service_load}), so it shares a class loader
 * with Connect and the test libraries. That is fine for tests about delivery under crashes, which depend on the
 * connector's logic and not on its packaging. {@link Builder#packagedPlugin()} runs the worker as a user's
 * instead: the dependency jars alone on its class path and our connectors from {@code target/plugins} through
 * {@code plugin.path} (see {@link PluginPackage}); that needs {@code mvn package}, which failsafe runs after.
 *
 * <p>Each process writes its properties and its console output to {@code target/connect-workers/<name>/};
 * {@link LogsOnFailure} prints the tail of every open worker's log when a test fails. A JVM shutdown hook kills
 * any worker a test left running, so none outlives the test JVM even when {@link #close()} is never reached.
 */
public final class ConnectWorkerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorkerProcess.class);
    /** A fresh JVM loads Connect, Kafka clients and the test libraries: 10-20 s on the 2 loaded cores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 80;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<ConnectWorkerProcess> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kill-connect-worker-processes"));
    }

    private final String name;
    private final Path directory;
    private final Path propertiesFile;
    private final Path logFile;
    private final int port;
    private final List<String> jvmArgs;
    private final Map<String, String> environment;
    private final boolean packagedPlugin;
    private final ConnectRest rest = new ConnectRest(this::restUrl);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int starts;

    private ConnectWorkerProcess(Builder builder) {
        this.name = builder.name;
        this.port = FreePorts.next();
        this.jvmArgs = List.copyOf(builder.jvmArgs);
        this.environment = Map.copyOf(builder.environment);
        this.packagedPlugin = builder.packagedPlugin;
        this.directory = Path.of("target", "connect-workers", name).toAbsolutePath();
        this.propertiesFile = directory.resolve("worker.properties");
        this.logFile = directory.resolve("worker.log");
        Map<String, String> props = new LinkedHashMap<>(builder.props);
        // A fixed port rather than 0: a worker started again after a kill keeps its URL and its worker id,
        // as a restarted process would under an operator or a container runtime.
        props.put("listeners", "http://127.0.0.1:" + port);
        try {
            Files.createDirectories(directory);
            Properties properties = new Properties();
            properties.putAll(props);
            try (OutputStream out = Files.newOutputStream(propertiesFile)) {
                properties.store(out, "Connect worker " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A worker of a new Connect group (its own config, offset and status topics) on this Kafka. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    public static final class Builder {
        private final Map<String, String> props = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String name;
        private boolean packagedPlugin;

        private Builder(String bootstrapServers) {
            group("mqtt-proc-" + UUID.randomUUID().toString().substring(0, 8));
            props.put("bootstrap.servers", bootstrapServers);
            // A killed worker stays a member of the Connect group until its session times out, and the next
            // rebalance waits for it: 6 s (the broker's minimum) rather than 10 s.
            props.put("session.timeout.ms", "6000");
            props.put("heartbeat.interval.ms", "1000");
            // The same for a killed worker's sink tasks in their consumer groups, whose default of 45 s would
            // hold up the new tasks' first rebalance that long.
            props.put("consumer.session.timeout.ms", "6000");
            props.put("consumer.heartbeat.interval.ms", "1000");
        }

        /**
         * Joins the Connect group {@code group}, with the harness's worker defaults
         * ({@link KafkaConnectCluster#defaultWorkerProperties(String)}); set it before any
         * {@link #workerProperty}, which it would overwrite.
         */
        public Builder group(String group) {
            props.putAll(KafkaConnectCluster.defaultWorkerProperties(group));
            name = group + "-" + UUID.randomUUID().toString().substring(0, 4);
            return this;
        }

        /** Overrides or adds a worker setting; {@code listeners} is chosen by the harness. */
        public Builder workerProperty(String key, String value) {
            props.put(key, value);
            return this;
        }

        /**
         * Loads our connectors from the packaged plugin in {@code target/plugins} through {@code plugin.path},
         * with none of our classes on the worker's class path, as every worker of a production cluster does.
         */
        public Builder packagedPlugin() {
            props.put("plugin.path", PluginPackage.pluginPath().toString());
            packagedPlugin = true;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** An environment variable of the worker process, as a container runtime would set one. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public ConnectWorkerProcess build() {
            return new ConnectWorkerProcess(this);
        }

        public ConnectWorkerProcess start() {
            ConnectWorkerProcess worker = build();
            try {
                worker.start();
                return worker;
            } catch (RuntimeException | Error e) {
                worker.close();
                throw e;
            }
        }
    }

    /**
     * Starts the process (again) and returns once {@code GET /health} answers 200, which the worker does only
     * after it read its config topic and joined its group. Fails with the log's tail if the process exits or
     * does not get there in time.
     */
    public synchronized ConnectWorkerProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("worker " + name + " is already running");
        }
        OPEN.add(this);
        starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath());
        command.add("org.apache.kafka.connect.cli.ConnectDistributed");
        command.add(propertiesFile.toString());
        long started = System.nanoTime();
        try {
            Files.writeString(logFile, "==== start " + starts + " at " + LocalTime.now() + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Connect worker " + name, e);
        }
        LIVE.add(process);
        try {
            awaitHealthy();
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
        LOG.info("Connect worker process {} (pid {}) at {} up in {} ms", name, process.pid(), restUrl(),
                (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    private String classPath() {
        if (!packagedPlugin) {
            return System.getProperty("java.class.path");
        }
        try {
            return PluginPackage.isolatedClassPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the worker's class path", e);
        }
    }

    private void awaitHealthy() {
        HttpRequest health = HttpRequest.newBuilder(restUrl().resolve("/health"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        Process current = process;
        try {
            await("Connect worker process " + name + " healthy")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!current.isAlive()) {
                            throw new IllegalStateException("Connect worker process " + name + " exited with "
                                    + current.exitValue() + "; its log ends with:\n" + logTail());
                        }
                        try {
                            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(e.getMessage() + "; its log ends with:\n" + logTail(), e);
        }
    }

    /** SIGKILL, and waits until the process is gone: nothing in the worker gets to run after this. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
        LOG.info("Connect worker process {} killed", name);
    }

    /**
     * SIGTERM: Connect's own shutdown hook stops it as an operator's stop would, gracefully (tasks stopped,
     * offsets committed, group left). Killed if it has not exited within a minute.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            LOG.warn("Connect worker process {} ignored SIGTERM for {}; killing it", name, STOP_TIMEOUT);
            kill();
        }
    }

    /** A graceful {@link #stop()} and a {@link #start()}; for a crash, {@link #kill()} then {@link #start()}. */
    public ConnectWorkerProcess restart() {
        stop();
        return start();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                LIVE.remove(process);
                process = null;
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for worker " + name + " to exit", e);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:40123/}; the same across restarts. */
    public URI restUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The id Connect reports for this worker in task statuses. */
    public String workerId() {
        return "127.0.0.1:" + port;
    }

    /** The REST API of this worker. */
    public ConnectRest rest() {
        return rest;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the worker's console output, all starts included. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Kills the process if it runs; the log stays in {@code target/connect-workers} for a look afterwards. */
    @Override
    public synchronized void close() {
        kill();
        OPEN.remove(this);
    }

    @Override
    public String toString() {
        return "ConnectWorkerProcess[" + name + " at " + restUrl() + (isAlive() ? ", pid " + process.pid() : "")
                + "]";
    }

    /**
     * {@code @ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)}: when a test or a lifecycle method fails, the
     * tail of each open worker's log goes to stderr, as the worker's own errors explain most failures.
     */
    public static final class LogsOnFailure implements TestExecutionExceptionHandler,
            LifecycleMethodExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            printTails(context);
            throw throwable;
        }

        @Override
        public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
                throws Throwable {
            printTails(context);
            throw throwable;
        }

        @Override
        public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
                throws Throwable {
            printTails(context);
            throw throwable;
        }

        private static void printTails(ExtensionContext context) {
            for (ConnectWorkerProcess worker : OPEN) {
                System.err.printf("---- %s failed; last %d lines of %s (%s) ----%n%s%n---- end of %s ----%n",
                        context.getDisplayName(), TAIL_LINES, worker.name, worker.logFile, worker.logTail(),
                        worker.name);
            }
        }
    }
}
