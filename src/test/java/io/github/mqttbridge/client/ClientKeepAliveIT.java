package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Keep-alive notices a silent network and keeps a healthy idle connection up. */
class ClientKeepAliveIT {

    static Stream<Arguments> brokersAndSchemes() {
        return Stream.of(SharedBroker.values())
                .flatMap(broker -> Stream.of("tcp", "ssl", "ws").map(scheme -> Arguments.of(broker, scheme)));
    }

    /** The proxy forwards bytes, so it can silence TLS and WebSocket connections just as well. */
    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("brokersAndSchemes")
    void silentNetworkIsReportedAsPingTimeout(SharedBroker shared, String scheme) throws Exception {
        TestBroker broker = shared.get();
        String target = switch (scheme) {
            case "tcp" -> broker.tcpUri();
            case "ssl" -> broker.sslUri();
            default -> broker.wsUri();
        };
        Collector<ConnectionLost> lost = new Collector<>();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(target);
             MqttClient client = new MqttClient(proxy.uri(scheme) + URI.create(target).getPath(), clientId("ping"))
                     .onConnectionLost(lost)) {
            join(client.connect(ConnectOptions.builder().keepAliveInterval(Duration.ofSeconds(1))
                    .sslContext(TestCertificates.shared().trustingCa()).build()));
            proxy.blackHole(true);
            // a PINGREQ goes out within 1 s of silence and gets 1 s for its answer; the rest is slack for a busy
            // machine, whose timer threads may run seconds late; PING_TIMEOUT below says which rule ended it
            await("connection lost").atMost(Duration.ofSeconds(20)).until(() -> lost.size() > 0);
            ConnectionLost first = lost.items().get(0);
            assertEquals(MqttErrorCode.PING_TIMEOUT, first.errorCode(), first.toString());
            assertEquals(false, client.isConnected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void idleConnectionStaysUpBecausePingsAreAnswered(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        Collector<ConnectionLost> lost = new Collector<>();
        // HiveMQ CE allows (int) (1.5 * keepAlive) seconds of silence, only 1 s for a keep-alive of 1 s, which
        // leaves a client that pings after 0.75 s no slack on a busy machine (2 of 20 idle clients were dropped).
        Duration keepAlive = Duration.ofSeconds(shared == SharedBroker.EMBEDDED ? 2 : 1);
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("idle")).onConnectionLost(lost)) {
            join(client.connect(ConnectOptions.builder().keepAliveInterval(keepAlive).build()));
            // Several intervals: without PINGREQs the broker hangs up after 1.5 intervals, and without handling
            // the PINGRESPs the client gives up after 2.
            Duration several = keepAlive.multipliedBy(3);
            await("staying connected, with no connection lost").during(several).atMost(several.plusSeconds(30))
                    .until(() -> client.isConnected() && lost.size() == 0);
            assertTrue(client.isConnected());
            assertEquals(List.of(), lost.items());
        }
    }
}
