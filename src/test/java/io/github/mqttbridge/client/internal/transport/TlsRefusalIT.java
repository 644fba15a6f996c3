package io.github.mqttbridge.client.internal.transport;

import static io.github.mqttbridge.client.internal.transport.TransportExchange.connectAndPing;
import static io.github.mqttbridge.client.internal.transport.TransportExchange.options;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import io.github.mqttbridge.testing.TlsTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TLS transport must refuse every server it cannot authenticate, and a mutual-TLS broker must refuse us. */
class TlsRefusalIT {

    private static final TestCertificates CERTS = TestCertificates.shared();

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void refusesABrokerFromAnUnknownCaWithTheDefaultTrustStore(SharedBroker shared) {
        TestBroker broker = shared.get();
        assertThrows(SSLHandshakeException.class,
                () -> Transports.open(ServerUri.parse(broker.sslUri(), "uri"), options(null)).close());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void refusesABrokerFromAnotherCa(SharedBroker shared) {
        TestBroker broker = shared.get();
        assertThrows(SSLHandshakeException.class,
                () -> Transports.open(ServerUri.parse(broker.sslUri(), "uri"), options(CERTS.trustingOtherCa())).close());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void mutualTlsBrokerRefusesAClientWithoutCertificate(SharedBroker shared) {
        TestBroker broker = shared.get();
        // Under TLS 1.3 the server rejects the missing certificate after the client's handshake is done, so the
        // refusal may show on open or on the first exchange; either way no CONNACK may come back.
        assertThrows(IOException.class, () -> {
            try (Transport transport = Transports.open(ServerUri.parse(broker.mutualTlsUri(), "uri"),
                    options(CERTS.trustingCa()))) {
                connectAndPing(transport, "no-client-cert");
            }
        });
    }

    @Test
    void acceptsTheRightHostByNameAndByAddress() throws Exception {
        try (TlsTestServer server = new TlsTestServer(CERTS.serverContext(CERTS.server()))) {
            Transports.open(ServerUri.parse("ssl://localhost:" + server.port(), "uri"), options(CERTS.trustingCa())).close();
            Transports.open(ServerUri.parse("ssl://127.0.0.1:" + server.port(), "uri"), options(CERTS.trustingCa())).close();
        }
    }

    @Test
    void refusesACertificateForAnotherHostName() throws Exception {
        try (TlsTestServer server = new TlsTestServer(CERTS.serverContext(CERTS.wrongHostServer()))) {
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> Transports.open(
                    ServerUri.parse("ssl://localhost:" + server.port(), "uri"), options(CERTS.trustingCa())).close());
            assertTrue(refused.getMessage().toLowerCase(Locale.ROOT).contains("localhost"), refused.getMessage());
        }
    }

    @Test
    void acceptsAnotherHostNameOnlyWhenVerificationIsOff() throws Exception {
        try (TlsTestServer server = new TlsTestServer(CERTS.serverContext(CERTS.wrongHostServer()))) {
            TransportOptions noHostCheck = new TransportOptions(Duration.ofSeconds(10), CERTS.trustingCa(), false, "mqtt");
            Transports.open(ServerUri.parse("ssl://localhost:" + server.port(), "uri"), noHostCheck).close();
        }
    }

    @Test
    void refusesAnExpiredCertificateEvenWithoutHostNameVerification() throws Exception {
        try (TlsTestServer server = new TlsTestServer(CERTS.serverContext(CERTS.expiredServer()))) {
            SSLContext trusting = CERTS.trustingCa();
            ServerUri uri = ServerUri.parse("ssl://localhost:" + server.port(), "uri");
            assertThrows(SSLHandshakeException.class, () -> Transports.open(uri, options(trusting)).close());
            TransportOptions noHostCheck = new TransportOptions(Duration.ofSeconds(10), trusting, false, "mqtt");
            assertThrows(SSLHandshakeException.class, () -> Transports.open(uri, noHostCheck).close());
        }
    }

    /** A server that accepts TCP but never answers the ClientHello must not hang the client past the timeout. */
    @Test
    void theHandshakeCountsAgainstTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            TransportOptions quick = new TransportOptions(Duration.ofMillis(500), CERTS.trustingCa(), true, "mqtt");
            assertThrows(SocketTimeoutException.class, () -> Transports.open(
                    ServerUri.parse("ssl://127.0.0.1:" + silent.getLocalPort(), "uri"), quick).close());
        }
    }
}
