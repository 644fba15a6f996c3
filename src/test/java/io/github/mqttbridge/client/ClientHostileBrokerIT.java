package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.ScriptedBroker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broker that breaks the protocol must cost us one connection, never the client: each case ends in a
 * disconnect whose message names the rule broken, then a reconnect, with no exception escaping and no thread
 * left behind once the client is closed.
 */
class ClientHostileBrokerIT {

    /** One way to misbehave after CONNACK, and words the client's message must contain. */
    record Case(String name, ScriptedBroker.Script script, MqttErrorCode code, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("remaining length past the maximum", p -> p.send(0x30, 0x80, 0x80, 0x80, 0x01),
                        MqttErrorCode.SOCKET_ERROR, "maximum"),
                new Case("truncated packet: SUBACK without return codes", p -> p.send(0x90, 0x02, 0x00, 0x01),
                        MqttErrorCode.SOCKET_ERROR, "SUBACK"),
                new Case("closed in the middle of a packet", p -> {
                    p.send(0x30, 0x10, 0x00, 0x01);
                    throw new java.io.EOFException("hang up mid-packet");
                }, MqttErrorCode.SOCKET_CLOSE, "middle of a packet"),
                new Case("reserved packet type 15", p -> p.send(0xF0, 0x00), MqttErrorCode.SOCKET_ERROR,
                        "reserved packet type"),
                new Case("reserved flags of PUBACK set", p -> p.send(0x42, 0x02, 0x00, 0x01),
                        MqttErrorCode.SOCKET_ERROR, "PUBACK"),
                new Case("a second CONNACK", p -> p.send(0x20, 0x02, 0x00, 0x00), MqttErrorCode.SOCKET_ERROR,
                        "CONNACK"),
                new Case("PUBACK for an unknown id", p -> p.send(0x40, 0x02, 0x12, 0x34), MqttErrorCode.SOCKET_ERROR,
                        "PUBACK for packet id 4660"),
                new Case("PUBREC for an unknown id", p -> p.send(0x50, 0x02, 0x12, 0x34), MqttErrorCode.SOCKET_ERROR,
                        "PUBREC for packet id 4660"),
                new Case("SUBACK with the wrong number of codes", p -> {
                    byte[] subscribe = p.readUntil(8);
                    p.send(0x90, 0x04, subscribe[2], subscribe[3], 0x01, 0x01);
                }, MqttErrorCode.SOCKET_ERROR, "2 return codes"),
                new Case("invalid UTF-8 in an inbound topic", p -> p.send(0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, 0x41),
                        MqttErrorCode.SOCKET_ERROR, "UTF-8"),
                new Case("a wildcard in an inbound topic", p -> p.send(0x30, 0x06, 0x00, 0x03, 'a', '/', '+', 0x41),
                        MqttErrorCode.SOCKET_ERROR, "wildcard"),
                new Case("a never-ending slow trickle", ClientHostileBrokerIT::trickle, MqttErrorCode.PING_TIMEOUT,
                        "PINGREQ"))
                .map(Arguments::of);
    }

    /** Starts a PUBLISH of 127 bytes and sends one byte of it every 100 ms, far too few to ever finish in time. */
    private static void trickle(ScriptedBroker.Peer peer) throws java.io.IOException {
        peer.send(0x30, 0x7F, 0x00, 0x01, 'a');
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<Void> hungUp = new CompletableFuture<>();
            pacer.scheduleAtFixedRate(() -> {
                try {
                    peer.send('x');
                } catch (java.io.IOException e) {
                    hungUp.complete(null);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            hungUp.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new java.io.IOException(e);
        } finally {
            pacer.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_protocol_violation_costs_one_connection_then_the_client_reconnects(Case c) throws Exception {
        String id = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        List<ConnectionLost> losses = new CopyOnWriteArrayList<>();
        AtomicInteger reconnects = new AtomicInteger();
        try (ScriptedBroker broker = new ScriptedBroker(c.script())) {
            try (MqttClient client = new MqttClient(broker.uri(), id)) {
                client.onConnectionLost(losses::add);
                client.onConnected((reconnect, uri) -> {
                    if (reconnect) {
                        reconnects.incrementAndGet();
                    }
                });
                client.connect(ConnectOptions.builder().reconnect(true)
                        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
                        .keepAliveInterval(Duration.ofSeconds(1)).maxInboundPacketSize(64 * 1024).build())
                        .get(10, TimeUnit.SECONDS);
                if (c.name().startsWith("SUBACK")) {
                    // the script answers this SUBSCRIBE with its broken SUBACK
                    client.subscribe("s/" + id, 1);
                }
                await(c.name()).atMost(Duration.ofSeconds(15))
                        .until(() -> !losses.isEmpty() && reconnects.get() >= 1 && client.isConnected());
                ConnectionLost lost = losses.get(0);
                assertEquals(c.code(), lost.errorCode(), lost.errorMessage());
                assertTrue(lost.errorMessage().contains(c.rule()), "the message must name the rule: "
                        + lost.errorMessage());
                assertEquals(1, client.subscribe("s/" + id, 1).get(10, TimeUnit.SECONDS), "the client is usable again");
            }
            await("no thread of the client left").atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
                    .keySet().stream().noneMatch(t -> t.isAlive() && t.getName().startsWith("mqtt-" + id)));
        }
    }
}
