package io.github.mqttbridge.testing;

/**
 * A running MQTT broker for integration tests. All URIs point at 127.0.0.1 (which the test server certificate
 * names too). Anonymous clients are accepted; a client that sends a user name must send {@link #username()} with
 * {@link #password()}, otherwise the broker refuses it in CONNACK, which is how tests check refused connections.
 */
public interface TestBroker {

    /** What test reports call it, e.g. "mosquitto". */
    String name();

    String tcpUri();

    /** TLS with a certificate for localhost/127.0.0.1 from {@link TestCertificates#ca()}. */
    String sslUri();

    /** TLS that requires a client certificate from {@link TestCertificates#ca()}. */
    String mutualTlsUri();

    /** Plain WebSocket at the path /mqtt. */
    String wsUri();

    String username();

    String password();

    /** True when the broker can be killed and restarted on the same ports, keeping persistent sessions. */
    boolean supportsRestart();

    /** The broker's log, or what it can say about itself, for assertion messages. */
    String diagnostics();
}
