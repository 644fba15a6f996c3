package io.github.mqttbridge.soak;

import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.time.Duration;

/**
 * What the soak runs on, every part of it real and able to fail: Mosquitto with persistence, a TCP proxy in front
 * of it through which the connectors (and only they) connect, a KRaft Kafka broker in this JVM whose controller is
 * a node of its own so that the broker can be restarted, and one distributed Connect worker in a JVM of its own
 * so that it can be SIGKILLed.
 */
final class SoakRig implements AutoCloseable {

    final MosquittoBroker mosquitto;
    final FaultInjectionProxy proxy;
    final KafkaConnectCluster kafka;
    final ConnectWorkerProcess worker;

    private SoakRig(MosquittoBroker mosquitto, FaultInjectionProxy proxy, KafkaConnectCluster kafka,
                    ConnectWorkerProcess worker) {
        this.mosquitto = mosquitto;
        this.proxy = proxy;
        this.kafka = kafka;
        this.worker = worker;
    }

    static SoakRig start() {
        MosquittoBroker mosquitto = null;
        FaultInjectionProxy proxy = null;
        KafkaConnectCluster kafka = null;
        try {
            // The soak saves the broker itself right before each kill; autosave is only a backstop.
            mosquitto = MosquittoBroker.builder().persistence(Duration.ofSeconds(30)).start();
            proxy = FaultInjectionProxy.to(mosquitto.tcpUri());
            kafka = KafkaConnectCluster.builder().separateController().startKafkaOnly();
            ConnectWorkerProcess worker = ConnectWorkerProcess.builder(kafka.bootstrapServers()).start();
            return new SoakRig(mosquitto, proxy, kafka, worker);
        } catch (RuntimeException | Error e) {
            closeAll(null, kafka, proxy, mosquitto);
            throw e;
        }
    }

    /** Where the connectors connect: through the proxy. */
    String bridgeUri() {
        return proxy.uri("tcp");
    }

    /** Where the test's own publishers and subscribers connect: to the broker itself. */
    String directUri() {
        return mosquitto.tcpUri();
    }

    ConnectRest rest() {
        return worker.rest();
    }

    KafkaTestClient kafkaClient() {
        return kafka.kafka();
    }

    @Override
    public void close() {
        closeAll(worker, kafka, proxy, mosquitto);
    }

    private static void closeAll(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not close " + part, e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
