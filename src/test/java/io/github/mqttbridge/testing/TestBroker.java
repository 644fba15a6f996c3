package io.github.mqttbridge.testing;

/**
 * A running MQTT broker for integration tests. All URIs point at 127.0.0.1 (which the test server certificate
 * names too). Anonymous clients are accepted; a client that sends a user name must send {@link #username()} with
 * {@link #password()}, otherwise the broker refuses it in CONNACK, which is how tests check refused connections.
 */
public interface TestBroker {
    /** The one account every test broker knows. */
    String USERNAME = "bridge-user";
    String PASSWORD = "bridge-secret";

    /** What test reports call it, e.g. "mosquitto". */
    String name();

    /** The ports of its listeners. */
    BrokerPorts ports();

    default String tcpUri() {
        return ports().tcpUri();
    }

    /** TLS with a certificate for localhost/127.0.0.1 from {@link TestCertificates#ca()}. */
    default String sslUri() {
        return ports().sslUri();
    }

    /** TLS that requires a client certificate from {@link TestCertificates#ca()}. */
    default String mutualTlsUri() {
        return ports().mutualTlsUri();
    }

    /** Plain WebSocket at the path /mqtt. */
    default String wsUri() {
        return ports().wsUri();
    }

    /** WebSocket over TLS at the path /mqtt, with the same certificate as {@link #sslUri()}. */
    default String wssUri() {
        return ports().wssUri();
    }

    default String username() {
        return USERNAME;
    }

    default String password() {
        return PASSWORD;
    }

    /** True when the broker can be killed and restarted on the same ports, keeping persistent sessions. */
    boolean supportsRestart();

    /** The broker's log, or what it can say about itself, for assertion messages. */
    String diagnostics();
}
