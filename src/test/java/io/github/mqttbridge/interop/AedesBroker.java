package io.github.mqttbridge.interop;

import io.github.mqttbridge.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Node.js broker Aedes (npm {@code aedes}), on TCP and WebSocket, run by node from a small script. */
final class AedesBroker extends ProcessBroker {

    private AedesBroker(BrokerProcess process, int tcpPort, int wsPort) {
        super("aedes", process, tcpPort, wsPort, "/mqtt");
    }

    static AedesBroker start() {
        Path script = NodePackages.script("aedes-broker.mjs");
        Path node = Installed.require("node", "apt-get install nodejs");
        int[] ports = FreePorts.next(2);
        BrokerProcess process = BrokerProcess.start(TempDirectory.create("mqttbridge-aedes"),
                List.of(node.toString(), script.toString(), Integer.toString(ports[0]), Integer.toString(ports[1])),
                Map.of(), Duration.ofSeconds(30), ports);
        return new AedesBroker(process, ports[0], ports[1]);
    }
}
