package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.failure;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.on;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import io.github.mqttbridge.testing.TlsTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client's TLS: whom it trusts, which names it accepts, and client certificates. */
class ClientTlsIT {

    private static final TestCertificates CERTS = TestCertificates.shared();

    private static ConnectOptions tls(SSLContext context) {
        ConnectOptions.Builder b = ConnectOptions.builder().timeout(Duration.ofSeconds(5));
        if (context != null) {
            b.sslContext(context);
        }
        return b.build();
    }

    private static void assertRoundTrip(MqttClient client) throws Exception {
        Collector<MqttMessage> arrived = new Collector<>();
        client.onMessageArrived(arrived);
        String t = topic("tls");
        join(client.subscribe(t, 1));
        join(client.publish(t, utf8("secret"), 1, false));
        assertEquals("secret", arrived.awaitFirst(on(t)).payloadString());
    }

    private static boolean causedBySsl(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void mutualTlsWithAClientCertificateWorks(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (MqttClient client = new MqttClient(broker.mutualTlsUri(), clientId("mtls"))) {
            join(client.connect(tls(CERTS.mutualTls())));
            assertRoundTrip(client);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void mutualTlsWithoutAClientCertificateFails(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (MqttClient client = new MqttClient(broker.mutualTlsUri(), clientId("nocert"))) {
            MqttException e = failure(client.connect(tls(CERTS.trustingCa())));
            // TLS 1.3 lets the client finish its handshake first, so the refusal may come as a closed socket
            assertTrue(Set.of(MqttErrorCode.SOCKET_ERROR, MqttErrorCode.SOCKET_CLOSE).contains(e.code()),
                    e.toString());
            assertFalse(client.isConnected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void serverCertificateFromAnUnknownCaIsRefused(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        for (SSLContext context : new SSLContext[] {null, CERTS.trustingOtherCa()}) {
            String which = context == null ? "the JVM's default trust" : "a context trusting another CA";
            try (MqttClient client = new MqttClient(broker.sslUri(), clientId("unknownca"))) {
                MqttException e = failure(client.connect(tls(context)));
                assertEquals(MqttErrorCode.SOCKET_ERROR, e.code(), which + ": " + e);
                assertTrue(causedBySsl(e), which + " must fail in the TLS handshake: " + e);
            }
        }
    }

    /** The server certificate names both "localhost" and 127.0.0.1, so either way of dialling is accepted. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void certificateMatchesTheHostNameAndTheAddress(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        int port = URI.create(broker.sslUri()).getPort();
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            try (MqttClient client = new MqttClient("ssl://" + host + ":" + port, clientId("host"))) {
                join(client.connect(tls(CERTS.trustingCa())));
                assertRoundTrip(client);
            }
        }
    }

    @Test
    void hostNameVerificationIsOnByDefault() throws Exception {
        try (TlsTestServer server = new TlsTestServer(CERTS.serverContext(CERTS.wrongHostServer()))) {
            String uri = "ssl://127.0.0.1:" + server.port();
            try (MqttClient client = new MqttClient(uri, clientId("wronghost"))) {
                MqttException e = failure(client.connect(tls(CERTS.trustingCa())));
                assertEquals(MqttErrorCode.SOCKET_ERROR, e.code(), e.toString());
                assertTrue(causedBySsl(e), "refused for the name in the certificate: " + e);
            }
            // The same server passes the handshake once verification is off; it just never answers CONNECT.
            try (MqttClient client = new MqttClient(uri, clientId("nohostcheck"))) {
                MqttException e = failure(client.connect(ConnectOptions.builder().sslContext(CERTS.trustingCa())
                        .hostnameVerification(false).mqttVersion(4).timeout(Duration.ofSeconds(1)).build()));
                assertEquals(MqttErrorCode.CONNECT_TIMEOUT, e.code(), e.toString());
            }
        }
    }
}
