package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MosquittoConnections} against a real Mosquitto's log: the check that multi-worker tests rely on must see
 * a session takeover when one happens, and must not see one in a plain reconnect.
 */
class MosquittoConnectionsIT {
    private static final Duration LOGGED = Duration.ofSeconds(30);

    @RegisterExtension
    static final ClassResource<MosquittoBroker> broker = ClassResource.of(() -> MosquittoBroker.builder().start());

    @Test
    void a_connect_with_the_id_of_a_live_connection_is_a_takeover() throws IOException {
        try (RawSocket first = connected("twice-0")) {
            try (RawSocket second = connected("twice-0")) {
                assertTrue(first.closedByPeerWithin(LOGGED), "mosquitto kept the older connection");
                MosquittoConnections log = awaitConnects("twice-", 2);
                assertEquals(Map.of("twice-0", 1), log.takeovers(), log.toString());
                assertEquals(1, log.duplicateLiveConnections(), log.toString());
            }
        }
    }

    @Test
    void reconnecting_after_the_old_connection_died_is_no_duplicate_and_other_ids_are_ignored() throws IOException {
        // Closed without DISCONNECT, as a SIGKILLed worker's connections are.
        connected("again-0").close();
        await("the dead connection logged").atMost(LOGGED).pollInterval(Duration.ofMillis(50))
                .until(() -> broker.get().log().contains("Client again-0 closed its connection"));
        try (RawSocket again = connected("again-0"); RawSocket other = connected("unrelated-0")) {
            MosquittoConnections log = awaitConnects("again-", 2);
            assertEquals(Map.of("again-0", 2), log.connects(), log.toString());
            assertEquals(0, log.duplicateLiveConnections(), log.toString());
        }
    }

    private static RawSocket connected(String clientId) throws IOException {
        RawSocket socket = RawSocket.connect("127.0.0.1", broker.get().ports().tcp());
        socket.send(RawPackets.connect311(clientId));
        assertEquals(0x20, socket.read(4)[0] & 0xF0, "no CONNACK for " + clientId);
        return socket;
    }

    private static MosquittoConnections awaitConnects(String prefix, int connects) {
        return await("mosquitto logged " + connects + " connects of " + prefix + "*").atMost(LOGGED)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> MosquittoConnections.of(broker.get().log(), id -> id.startsWith(prefix)),
                        log -> log.connects().values().stream().mapToInt(Integer::intValue).sum() == connects);
    }
}
