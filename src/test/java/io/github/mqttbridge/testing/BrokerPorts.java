package io.github.mqttbridge.testing;

/** The four listeners every test broker opens on 127.0.0.1, and the URIs that reach them. */
public record BrokerPorts(int tcp, int ssl, int mutualTls, int ws) {

    /** Four ports free right now. */
    public static BrokerPorts free() {
        int[] ports = FreePorts.next(4);
        return new BrokerPorts(ports[0], ports[1], ports[2], ports[3]);
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + tcp;
    }

    public String sslUri() {
        return "ssl://127.0.0.1:" + ssl;
    }

    public String mutualTlsUri() {
        return "ssl://127.0.0.1:" + mutualTls;
    }

    public String wsUri() {
        return "ws://127.0.0.1:" + ws + "/mqtt";
    }
}
