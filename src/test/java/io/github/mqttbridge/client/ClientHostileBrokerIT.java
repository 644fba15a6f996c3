package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.HostileBrokerCases;
import io.github.mqttbridge.testing.ScriptedBroker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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

    static Stream<Arguments> cases() {
        return HostileBrokerCases.all().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_protocol_violation_costs_one_connection_then_the_client_reconnects(HostileBrokerCases.Case c) throws Exception {
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
                if (c.onSubscribe()) {
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
