package io.github.mqttbridge.client;

import io.github.mqttbridge.testing.Receipts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A publisher run as a child JVM by {@link ClientProcessCrashIT}, so that it can really die (SIGKILL) mid-stream.
 * It publishes messages {@code from} to {@code to - 1} with file persistence, recording each message the client
 * accepted in an {@link AcceptanceLedger}, so that the parent learns exactly how far it got once it is dead.
 *
 * <p>Arguments: uri clientId persistenceDir ledgerFile topic qos from to mqttVersion
 */
public final class CrashablePublisher {
    private CrashablePublisher() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String clientId = args[1];
        Path persistence = Path.of(args[2]);
        Path ledger = Path.of(args[3]);
        String topic = args[4];
        int qos = Integer.parseInt(args[5]);
        int from = Integer.parseInt(args[6]);
        int to = Integer.parseInt(args[7]);
        int mqttVersion = Integer.parseInt(args[8]);
        try (MqttClient client = new MqttClient(uri, clientId)) {
            client.connect(ConnectOptions.builder().mqttVersion(mqttVersion).cleanSession(false).reconnect(true)
                    .persistence(AcceptanceLedger.recording(MqttPersistence.file(persistence), ledger))
                    .maxInflight(100).timeout(Duration.ofSeconds(10)).build()).get(30, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(300);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = from; i < to; i++) {
                window.acquire();
                CompletableFuture<Void> f = client.publish(topic, Receipts.payload(i, 32), qos, false);
                f.whenComplete((ok, error) -> window.release());
                sent.add(f);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
    }
}
