package io.github.mqttbridge.interop;

import io.github.mqttbridge.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * nats-server (Debian's 2.9) with its MQTT and MQTT-over-WebSocket listeners. MQTT needs JetStream, which needs a
 * server name and a store directory; the NATS client port is opened too because the server always listens on one.
 */
final class NatsBroker extends ProcessBroker {

    private NatsBroker(BrokerProcess process, int mqttPort, int wsPort) {
        super("nats-server", process, mqttPort, wsPort, "/mqtt");
    }

    static NatsBroker start() {
        Path executable = Installed.require("nats-server", "apt-get install nats-server");
        int[] ports = FreePorts.next(3);
        Path directory = TempDirectory.create("mqttbridge-nats");
        String config = """
                server_name: interop
                listen: 127.0.0.1:%d
                jetstream { store_dir: "%s" }
                mqtt { listen: 127.0.0.1:%d }
                websocket { listen: "127.0.0.1:%d", no_tls: true }
                """.formatted(ports[0], directory.resolve("jetstream"), ports[1], ports[2]);
        try {
            Files.writeString(directory.resolve("nats.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrokerProcess process = BrokerProcess.start(directory,
                List.of(executable.toString(), "-c", directory.resolve("nats.conf").toString()), Map.of(),
                Duration.ofSeconds(30), ports[1], ports[2]);
        return new NatsBroker(process, ports[1], ports[2]);
    }
}
