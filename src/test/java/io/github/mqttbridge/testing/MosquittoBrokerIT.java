package io.github.mqttbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The broker-control features that restart and authentication tests will rely on. */
class MosquittoBrokerIT {

    @Test
    void restartKeepsThePortsAndKillStopsTheProcess() throws IOException {
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(Duration.ofSeconds(60)).start()) {
            String before = broker.tcpUri();
            broker.restart();
            assertEquals(before, broker.tcpUri());
            assertConnackCode(broker, 0, RawPackets.connect311("after-restart"));
            broker.saveNow();
            assertTrue(Files.exists(broker.directory().resolve("mosquitto.db")), broker.diagnostics());
            broker.kill();
            assertFalse(broker.isRunning());
            broker.start();
            assertConnackCode(broker, 0, RawPackets.connect311("after-kill"));
        }
    }

    @Test
    void refusesAWrongPasswordAndAcceptsTheRightOne() throws IOException {
        try (MosquittoBroker broker = MosquittoBroker.builder().start()) {
            assertConnackCode(broker, 0, RawPackets.connect311("good", broker.username(), broker.password()));
            int refused = connackCode(broker, RawPackets.connect311("bad", broker.username(), "wrong"));
            assertTrue(refused == 4 || refused == 5, "CONNACK return code " + refused);
        }
    }

    @Test
    void refusesAnonymousClientsWhenTold() throws IOException {
        try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).start()) {
            assertEquals(5, connackCode(broker, RawPackets.connect311("anonymous")));
        }
    }

    @Test
    void closeStopsTheProcessAndRemovesItsDirectory() {
        MosquittoBroker broker = MosquittoBroker.builder().start();
        Path directory = broker.directory();
        assertTrue(Files.exists(directory.resolve("mosquitto.pid")), broker.diagnostics());
        broker.close();
        assertFalse(broker.isRunning());
        assertFalse(Files.exists(directory));
    }

    private static void assertConnackCode(MosquittoBroker broker, int expected, byte[] connect) throws IOException {
        assertEquals(expected, connackCode(broker, connect), broker.diagnostics());
    }

    private static int connackCode(TestBroker broker, byte[] connect) throws IOException {
        return RawSocket.connackCode(broker.tcpUri(), connect);
    }
}
