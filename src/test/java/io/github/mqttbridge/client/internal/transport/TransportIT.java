package io.github.mqttbridge.client.internal.transport;

import static io.github.mqttbridge.client.internal.transport.TransportExchange.connectAndPing;
import static io.github.mqttbridge.client.internal.transport.TransportExchange.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each transport carries a hand-written MQTT 3.1.1 CONNECT/CONNACK and PINGREQ/PINGRESP to every broker. */
class TransportIT {

    private static final TestCertificates CERTS = TestCertificates.shared();

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void tcp(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (Transport transport = Transports.open(ServerUri.parse(broker.tcpUri(), "uri"), options(null))) {
            connectAndPing(transport, clientId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void tlsTrustingTheGeneratedCa(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (Transport transport = Transports.open(ServerUri.parse(broker.sslUri(), "uri"),
                options(CERTS.trustingCa()))) {
            connectAndPing(transport, clientId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void mutualTls(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (Transport transport = Transports.open(ServerUri.parse(broker.mutualTlsUri(), "uri"),
                options(CERTS.mutualTls()))) {
            connectAndPing(transport, clientId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void webSocket(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (Transport transport = Transports.open(ServerUri.parse(broker.wsUri(), "uri"), options(null))) {
            connectAndPing(transport, clientId());
        }
    }

    /** A packet split over frames and several packets in one frame must both reach the broker intact. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void webSocketIsAByteStreamAcrossFrames(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (Transport transport = Transports.open(ServerUri.parse(broker.wsUri(), "uri"), options(null))) {
            byte[] connect = io.github.mqttbridge.testing.RawPackets.connect311(clientId());
            TransportExchange.send(transport, java.util.Arrays.copyOfRange(connect, 0, 5));
            TransportExchange.send(transport, java.util.Arrays.copyOfRange(connect, 5, connect.length));
            TransportExchange.readExactly(transport, 4);
            ByteBuffer twoPings = ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0, (byte) 0xC0, 0});
            transport.write(twoPings);
            transport.flush();
            byte[] answers = TransportExchange.readExactly(transport, 4);
            assertEquals(ByteBuffer.wrap(new byte[] {(byte) 0xD0, 0, (byte) 0xD0, 0}), ByteBuffer.wrap(answers));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void webSocketWithTheMqtt31Subprotocol(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        TransportOptions options = new TransportOptions(Duration.ofSeconds(10), null, true, "mqttv3.1");
        try (Transport transport = Transports.open(ServerUri.parse(broker.wsUri(), "uri"), options)) {
            connectAndPing(transport, clientId());
        }
    }

    private static String clientId() {
        return "transport-it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
