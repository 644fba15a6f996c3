package io.github.mqttbridge.interop;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.testing.FreePorts;
import io.github.mqttbridge.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A broker program running in its own temp directory, its output in a log file there. It counts as started when
 * every one of its ports accepts connections; stopping asks it to end (SIGTERM) and kills what is left of its
 * process tree after a grace period, then deletes the directory.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(15);

    private final Path directory;
    private final Path log;
    private final Process process;

    private BrokerProcess(Path directory, Process process) {
        this.directory = directory;
        this.log = directory.resolve("broker.log");
        this.process = process;
    }

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added to ours and waits until all
     * {@code ports} listen on 127.0.0.1, for at most {@code startup}.
     */
    static BrokerProcess start(Path directory, List<String> command, Map<String, String> environment,
            Duration startup, int... ports) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("broker.log").toFile());
        builder.environment().putAll(environment);
        BrokerProcess broker;
        try {
            broker = new BrokerProcess(directory, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        try {
            broker.awaitListening(startup, ports);
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void awaitListening(Duration startup, int... ports) {
        await(process.info().command().orElse("broker") + " listening on " + List.of(IntStream.of(ports).boxed()
                .toArray()))
                .atMost(startup)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + process.exitValue() + ":\n"
                                + output());
                    }
                    return IntStream.of(ports).allMatch(FreePorts::listening);
                });
    }

    Path directory() {
        return directory;
    }

    /** What the broker printed so far. */
    String output() {
        return read(log);
    }

    /** A file the broker wrote into its directory, e.g. a log of its own; empty if there is none yet. */
    String file(Path relative) {
        return read(directory.resolve(relative));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a shell wrapper (rabbitmq-server) may end before the VM it started
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        TestFiles.deleteRecursively(directory);
    }
}
