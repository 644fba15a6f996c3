package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.failure;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.on;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.AlpnTlsProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS ALPN against a listener that, like AWS IoT Core on port 443, serves MQTT only to clients that negotiate
 * {@code x-amzn-mqtt-ca}: the client offers what {@code alpnProtocols} names, and without it is turned away.
 */
class ClientAlpnIT {
    private static final String AWS_IOT = "x-amzn-mqtt-ca";
    private static final TestCertificates CERTS = TestCertificates.shared();
    private static AlpnTlsProxy proxy;

    @BeforeAll
    static void startListener() throws Exception {
        URI broker = URI.create(SharedBroker.EMBEDDED.get().tcpUri());
        proxy = new AlpnTlsProxy(CERTS.serverContext(CERTS.server()), AWS_IOT,
                new InetSocketAddress(broker.getHost(), broker.getPort()));
    }

    @AfterAll
    static void stopListener() throws Exception {
        proxy.close();
    }

    private static ConnectOptions.Builder tls() {
        return ConnectOptions.builder().sslContext(CERTS.trustingCa()).timeout(Duration.ofSeconds(10));
    }

    private static MqttClient client(String name) {
        return new MqttClient("ssl://localhost:" + proxy.port(), clientId(name));
    }

    @Test
    void the_protocol_named_in_alpnProtocols_is_negotiated_and_mqtt_flows() throws Exception {
        try (MqttClient client = client("alpn")) {
            Collector<MqttMessage> arrived = new Collector<>();
            client.onMessageArrived(arrived);
            join(client.connect(tls().alpnProtocols(List.of("mqtt", AWS_IOT)).build()));
            String t = topic("alpn");
            join(client.subscribe(t, 1));
            join(client.publish(t, utf8("over ALPN"), 1, false));
            assertEquals("over ALPN", arrived.awaitFirst(on(t)).payloadString());
        }
        assertEquals(AWS_IOT, proxy.negotiated().get(proxy.negotiated().size() - 1));
    }

    @Test
    void without_alpn_the_listener_turns_the_client_away() throws Exception {
        try (MqttClient client = client("no-alpn")) {
            MqttException e = failure(client.connect(tls().build()));
            assertEquals(MqttErrorCode.SOCKET_CLOSE, e.code(), e.toString());
        }
        assertEquals("", proxy.negotiated().get(proxy.negotiated().size() - 1), "no protocol was offered");
    }

    @Test
    void a_protocol_the_listener_does_not_serve_fails_the_handshake() throws Exception {
        try (MqttClient client = client("wrong-alpn")) {
            MqttException e = failure(client.connect(tls().alpnProtocols(List.of("h2")).build()));
            assertEquals(MqttErrorCode.SOCKET_ERROR, e.code(), e.toString());
        }
    }
}
