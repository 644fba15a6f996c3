package io.github.mqttbridge.testing;

/** The five listeners every test broker opens on 127.0.0.1, and the URIs that reach them. */
public record BrokerPorts(int tcp, int ssl, int mutualTls, int ws, int wss) {

    /** Five ports free right now. */
    public static BrokerPorts free() {
        int[] ports = FreePorts.next(5);
        return new BrokerPorts(ports[0], ports[1], ports[2], ports[3], ports[4]);
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

    public String wssUri() {
        return "wss://127.0.0.1:" + wss + "/mqtt";
    }
}
