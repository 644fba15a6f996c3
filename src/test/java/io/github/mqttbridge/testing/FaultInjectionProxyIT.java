package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy forwards MQTT bytes to the embedded broker, and each fault does what tests will rely on. */
class FaultInjectionProxyIT {

    private FaultInjectionProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = FaultInjectionProxy.to(SharedBroker.EMBEDDED.get().tcpUri());
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    private RawSocket connectedClient(String clientId) throws IOException {
        RawSocket client = RawSocket.connect("127.0.0.1", proxy.port());
        client.send(RawPackets.connect311(clientId));
        assertArrayEquals(RawPackets.CONNACK_ACCEPTED, client.read(4));
        return client;
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (RawSocket client = connectedClient("proxy-forwards")) {
            client.send(RawPackets.PINGREQ);
            assertArrayEquals(RawPackets.PINGRESP, client.read(2));
            assertEquals(1, proxy.acceptedConnections());
        }
    }

    @Test
    void cutAllClosesTheClientSide() throws IOException {
        try (RawSocket client = connectedClient("proxy-cut")) {
            proxy.cutAll();
            assertTrue(client.closedByPeerWithin(Duration.ofSeconds(5)));
            await().until(() -> proxy.liveConnections() == 0);
        }
    }

    @Test
    void blackHoleHoldsTrafficUntilLifted() throws IOException {
        try (RawSocket client = connectedClient("proxy-black-hole")) {
            proxy.blackHole(true);
            client.send(RawPackets.PINGREQ);
            assertFalse(client.closedByPeerWithin(Duration.ofMillis(500)), "the connection must stay open");
            proxy.blackHole(false);
            assertArrayEquals(RawPackets.PINGRESP, client.read(2), "held bytes arrive once the black hole ends");
        }
    }

    @Test
    void blackHoleHidesTheServerHangingUpUntilLifted() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FaultInjectionProxy toServer = new FaultInjectionProxy("127.0.0.1", server.getLocalPort());
             RawSocket client = RawSocket.connect("127.0.0.1", toServer.port())) {
            toServer.blackHole(true);
            server.setSoTimeout(5_000);
            server.accept().close();
            assertFalse(client.closedByPeerWithin(Duration.ofMillis(500)), "a silent network hides the hang-up");
            toServer.blackHole(false);
            assertTrue(client.closedByPeerWithin(Duration.ofSeconds(5)), "the hang-up arrives once lifted");
        }
    }

    @Test
    void blackHoleStopsTheAnswer() throws IOException {
        try (RawSocket client = connectedClient("proxy-black-hole-silent")) {
            proxy.blackHole(true);
            client.send(RawPackets.PINGREQ);
            assertThrows(SocketTimeoutException.class, () -> client.readWithin(1, Duration.ofMillis(500)));
        }
    }

    @Test
    void delayAddsLatency() throws IOException {
        try (RawSocket client = connectedClient("proxy-delay")) {
            proxy.delay(Duration.ofMillis(300));
            long start = System.nanoTime();
            client.send(RawPackets.PINGREQ);
            assertArrayEquals(RawPackets.PINGRESP, client.read(2));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            // 300 ms on the way in and 300 ms on the way out
            assertTrue(elapsedMillis >= 600, "round trip took only " + elapsedMillis + " ms");
        }
    }

    @Test
    void refuseNewRefusesConnectionsAndLiftingItAcceptsAgain() throws IOException {
        proxy.refuseNew(true);
        assertThrows(ConnectException.class, () -> RawSocket.connect("127.0.0.1", proxy.port()));
        proxy.refuseNew(false);
        try (RawSocket client = connectedClient("proxy-refuse-lifted")) {
            assertEquals(1, proxy.acceptedConnections());
        }
    }

    @Test
    void closeStopsAllItsThreadsAndConnections() throws IOException {
        try (RawSocket client = connectedClient("proxy-close")) {
            proxy.close();
            assertTrue(client.closedByPeerWithin(Duration.ofSeconds(5)));
            // A pool thread may still be on its way out when its last task has ended.
            await("proxy threads stopped after close").atMost(Duration.ofSeconds(5))
                    .until(() -> Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                            .noneMatch(thread -> thread.getName().startsWith(proxy.threadNamePrefix())));
            assertThrows(ConnectException.class, () -> RawSocket.connect("127.0.0.1", proxy.port()));
        }
    }

    @Test
    void uriPointsAtTheProxy() {
        assertEquals(proxy.port(), URI.create(proxy.uri("tcp")).getPort());
    }
}
