package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.HostileBrokerCases;
import io.github.mqttbridge.testing.ScriptedBroker;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker that breaks the protocol must cost us one connection, never the client: each case ends in a
 * disconnect whose message names the rule broken, then a reconnect, with no exception escaping and no thread
 * left behind once the client is closed. On MQTT 5 the client first tells the server which rule it broke, with a
 * DISCONNECT and its reason code (MQTT 5 section 4.13); on MQTT 3.1.1 it just hangs up.
 */
@ParameterizedClass(name = "MQTT version level {0}")
@ValueSource(ints = {4, 5})
class ClientHostileBrokerIT {
    /** Each case runs on MQTT 3.1.1 and on MQTT 5. */
    @Parameter
    int mqttVersion;

    static Stream<Arguments> cases() {
        return HostileBrokerCases.all().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_protocol_violation_costs_one_connection_then_the_client_reconnects(HostileBrokerCases.Case c) throws Exception {
        String id = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        List<ConnectionLost> losses = new CopyOnWriteArrayList<>();
        AtomicInteger reconnects = new AtomicInteger();
        try (ScriptedBroker broker = ScriptedBroker.forVersion(mqttVersion, c.script(mqttVersion))) {
            try (MqttClient client = new MqttClient(broker.uri(), id)) {
                client.onConnectionLost(losses::add);
                client.onConnected((reconnect, uri) -> {
                    if (reconnect) {
                        reconnects.incrementAndGet();
                    }
                });
                client.connect(ConnectOptions.builder().mqttVersion(mqttVersion).reconnect(true)
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
                assertEquals(lastWords(c), disconnects(broker.firstConnectionPackets().get(10, TimeUnit.SECONDS)),
                        "what the client said before it hung up");
            }
            await("no thread of the client left").atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
                    .keySet().stream().noneMatch(t -> t.isAlive() && t.getName().startsWith("mqtt-" + id)));
        }
    }

    /** The DISCONNECT the case calls for, as hex: MQTT 5 only, with the reason code and no properties. */
    private List<String> lastWords(HostileBrokerCases.Case c) {
        return mqttVersion == 5 && c.reasonCode5() != HostileBrokerCases.NO_DISCONNECT
                ? List.of(HexFormat.of().formatHex(new byte[] {(byte) 0xE0, 0x01, (byte) c.reasonCode5()}))
                : List.of();
    }

    private static List<String> disconnects(List<byte[]> packets) {
        return packets.stream().filter(p -> (p[0] & 0xF0) == 0xE0).map(HexFormat.of()::formatHex).toList();
    }
}
