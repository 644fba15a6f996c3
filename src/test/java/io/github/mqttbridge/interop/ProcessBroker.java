package io.github.mqttbridge.interop;

/** A broker that runs as a {@link BrokerProcess}, with MQTT on one TCP port and MQTT over WebSocket on another. */
abstract class ProcessBroker implements InteropBroker {

    private final String name;
    private final BrokerProcess process;
    private final int tcpPort;
    private final String wsUri;

    ProcessBroker(String name, BrokerProcess process, int tcpPort, int wsPort, String wsPath) {
        this.name = name;
        this.process = process;
        this.tcpPort = tcpPort;
        this.wsUri = "ws://127.0.0.1:" + wsPort + wsPath;
    }

    @Override
    public String tcpUri() {
        return "tcp://127.0.0.1:" + tcpPort;
    }

    @Override
    public String wsUri() {
        return wsUri;
    }

    BrokerProcess process() {
        return process;
    }

    @Override
    public String diagnostics() {
        return name + " output:\n" + process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
