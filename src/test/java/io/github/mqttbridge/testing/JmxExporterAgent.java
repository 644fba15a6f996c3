package io.github.mqttbridge.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Prometheus JMX exporter's Java agent ({@code io.prometheus.jmx:jmx_prometheus_javaagent}), which the build
 * copies to {@code target/jmx-exporter} and names in the system property {@code mqttbridge.jmx.exporter.agent}.
 * Loaded into a {@link ConnectWorkerProcess} with {@link #jvmArg}, it serves the worker's MBeans at
 * {@link #metricsUrl} as the rules file says.
 */
public final class JmxExporterAgent {
    private final int port;

    /** An agent that will listen on a free port of 127.0.0.1. */
    public JmxExporterAgent() {
        this.port = FreePorts.next();
    }

    /** {@code -javaagent:<jar>=127.0.0.1:<port>:<rules>}, for {@link ConnectWorkerProcess.Builder#jvmArg}. */
    public String jvmArg(Path rules) {
        return "-javaagent:" + jar() + "=127.0.0.1:" + port + ":" + rules.toAbsolutePath();
    }

    public URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    private static Path jar() {
        String property = System.getProperty("mqttbridge.jmx.exporter.agent");
        if (property == null) {
            throw new IllegalStateException("no system property mqttbridge.jmx.exporter.agent: run this test "
                    + "through Maven (failsafe), which copies the agent and sets it");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build's generate-test-resources phase copies it");
        }
        return jar;
    }
}
