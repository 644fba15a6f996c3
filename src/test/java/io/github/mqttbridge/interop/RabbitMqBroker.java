package io.github.mqttbridge.interop;

import io.github.mqttbridge.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private RabbitMQ node (Debian's 3.10) with the rabbitmq_mqtt and rabbitmq_web_mqtt plugins, without the system
 * service: every path and port the node uses comes from the environment (see ../shared/TESTING.md), including its
 * own epmd, which outlives the node as a daemon and is stopped explicitly. Starting takes 10-30 s on a loaded
 * machine, so a test class starts it once.
 */
final class RabbitMqBroker extends ProcessBroker {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

    private final int epmdPort;
    private final String nodeName;

    private RabbitMqBroker(BrokerProcess process, String nodeName, int mqttPort, int wsPort, int epmdPort) {
        super("rabbitmq-server", process, mqttPort, wsPort, "/ws");
        this.nodeName = nodeName;
        this.epmdPort = epmdPort;
    }

    static RabbitMqBroker start() {
        if (!Files.isExecutable(SERVER)) {
            Installed.unavailable(SERVER + " is not installed (apt-get install rabbitmq-server)");
        }
        int[] ports = FreePorts.next(5);
        int mqtt = ports[0];
        int ws = ports[1];
        int epmd = ports[4];
        Path directory = TempDirectory.create("mqttbridge-rabbitmq");
        try {
            Files.writeString(directory.resolve("rabbitmq.conf"), """
                    listeners.tcp = none
                    loopback_users = none
                    mqtt.allow_anonymous = true
                    mqtt.listeners.tcp.default = 127.0.0.1:%d
                    web_mqtt.tcp.ip = 127.0.0.1
                    web_mqtt.tcp.port = %d
                    """.formatted(mqtt, ws));
            Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_mqtt,rabbitmq_web_mqtt].\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String nodeName = "interop-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        Map<String, String> environment = Map.of(
                "HOME", directory.toString(),
                "RABBITMQ_NODENAME", nodeName,
                "RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString(),
                "RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", directory.resolve("log").toString(),
                "RABBITMQ_NODE_PORT", Integer.toString(ports[2]),
                "RABBITMQ_DIST_PORT", Integer.toString(ports[3]),
                "ERL_EPMD_PORT", Integer.toString(epmd));
        try {
            BrokerProcess process = BrokerProcess.start(directory, List.of(SERVER.toString()), environment,
                    Duration.ofSeconds(90), mqtt, ws);
            return new RabbitMqBroker(process, nodeName, mqtt, ws, epmd);
        } catch (RuntimeException | Error e) {
            stopEpmd(epmd);
            throw e;
        }
    }

    @Override
    public String diagnostics() {
        // the console shows the start; the node's log file the rest
        return super.diagnostics() + "\nnode log:\n" + process().file(Path.of("log", nodeName + ".log"));
    }

    @Override
    public void close() {
        super.close();
        stopEpmd(epmdPort);
    }

    private static void stopEpmd(int port) {
        Installed.find("epmd").ifPresent(epmd -> {
            try {
                Process kill = new ProcessBuilder(epmd.toString(), "-port", Integer.toString(port), "-kill")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
