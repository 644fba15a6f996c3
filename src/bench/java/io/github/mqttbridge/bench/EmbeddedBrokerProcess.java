package io.github.mqttbridge.bench;

import io.github.mqttbridge.testing.AutoCloseableBroker;
import io.github.mqttbridge.testing.BrokerPorts;
import io.github.mqttbridge.testing.EmbeddedBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link EmbeddedBroker} (HiveMQ CE) in a child JVM of its own, so that the broker's heap, GC and Netty threads are
 * not mixed into the clients' JVM that the benchmark measures and profiles. The child runs {@link #main}, prints
 * {@value #READY} on stdout once it listens, and stops when its stdin closes, so it also ends with the benchmark.
 */
final class EmbeddedBrokerProcess implements AutoCloseableBroker {
    private static final String READY = "broker ready";

    private final BrokerPorts ports = BrokerPorts.free();
    private final Path log;
    private final Process process;

    EmbeddedBrokerProcess(Path log) {
        this.log = log;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    EmbeddedBrokerProcess.class.getName(), Integer.toString(ports.tcp()),
                    Integer.toString(ports.ssl()), Integer.toString(ports.mutualTls()), Integer.toString(ports.ws()),
                    Integer.toString(ports.wss())))
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.equals(READY)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!ready.get(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("embedded broker process exited; see " + log);
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded broker process did not start; see " + log, e);
        }
    }

    @Override
    public String name() {
        return "HiveMQ CE (embedded, own JVM)";
    }

    @Override
    public BrokerPorts ports() {
        return ports;
    }

    @Override
    public boolean supportsRestart() {
        return false;
    }

    @Override
    public String diagnostics() {
        return "log in " + log;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child: the broker on the ports given as arguments, until stdin closes. */
    public static void main(String[] args) throws IOException {
        BrokerPorts ports = new BrokerPorts(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        try (EmbeddedBroker broker = new EmbeddedBroker(ports).start()) {
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // the parent writes nothing; end of input means it is done or gone
            }
        }
        System.exit(0);
    }
}
