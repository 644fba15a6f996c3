package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A long-running bridge reconnects thousands of times; none of that may leave a thread behind. */
class ClientThreadLeakIT {
    private static final int CYCLES = 100;

    private static Set<String> clientThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }

    @Test
    void reconnect_and_close_leave_no_threads_behind_after_a_hundred_cycles() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String id = "leak-" + UUID.randomUUID().toString().substring(0, 8);
        int threadsBefore = Thread.activeCount();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri())) {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                AtomicInteger reconnected = new AtomicInteger();
                try (MqttClient client = new MqttClient(proxy.uri("tcp"), id)) {
                    client.onConnected((reconnect, uri) -> {
                        if (reconnect) {
                            reconnected.incrementAndGet();
                        }
                    });
                    client.connect(ConnectOptions.builder().reconnect(true)
                            .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build())
                            .get(10, TimeUnit.SECONDS);
                    client.publish("it/" + id, new byte[8], 1, false).get(10, TimeUnit.SECONDS);
                    proxy.cutAll();
                    await().atMost(Duration.ofSeconds(10)).until(() -> reconnected.get() == 1 && client.isConnected());
                    client.publish("it/" + id, new byte[8], 1, false).get(10, TimeUnit.SECONDS);
                }
            }
        }
        await("no thread of the client alive after close").atMost(Duration.ofSeconds(10))
                .until(() -> clientThreads("mqtt-" + id).isEmpty());
        // Other tests' brokers may start threads meanwhile; a leak of 100 cycles would be far above this slack.
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.activeCount() <= threadsBefore + 20);
    }
}
