package io.github.mqttbridge.soak;

import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.MqttPacketTap;
import java.time.Duration;

/**
 * What the soak runs on, every part of it real and able to fail: Mosquitto with persistence, a TCP proxy in front
 * of it through which the connectors (and only they) connect, with a tap that reads their packets, a KRaft Kafka broker in this JVM whose controller is
 * a node of its own so that the broker can be restarted, and two distributed Connect workers, each a JVM of its own
 * so that it can be SIGKILLed, each a Connect cluster of its own: one at the defaults, one with exactly-once source
 * support (KIP-618). That support is a setting of the whole cluster, and a worker that has it runs every source task
 * in transactions, the at-least-once lanes' too; their own worker keeps them on the default path users run.
 */
final class SoakRig implements AutoCloseable {

    final MosquittoBroker mosquitto;
    final FaultInjectionProxy proxy;
    final MqttPacketTap tap;
    final KafkaConnectCluster kafka;
    final ConnectWorkerProcess worker;
    final ConnectWorkerProcess exactlyOnceWorker;

    private SoakRig(MosquittoBroker mosquitto, FaultInjectionProxy proxy, MqttPacketTap tap,
                    KafkaConnectCluster kafka, ConnectWorkerProcess worker, ConnectWorkerProcess exactlyOnceWorker) {
        this.mosquitto = mosquitto;
        this.proxy = proxy;
        this.tap = tap;
        this.kafka = kafka;
        this.worker = worker;
        this.exactlyOnceWorker = exactlyOnceWorker;
    }

    static SoakRig start() {
        MosquittoBroker mosquitto = null;
        FaultInjectionProxy proxy = null;
        KafkaConnectCluster kafka = null;
        ConnectWorkerProcess worker = null;
        try {
            // The soak saves the broker itself right before each kill; autosave is only a backstop.
            mosquitto = MosquittoBroker.builder().persistence(Duration.ofSeconds(30)).start();
            MqttPacketTap tap = new MqttPacketTap();
            proxy = FaultInjectionProxy.to(mosquitto.tcpUri()).tap(tap);
            kafka = KafkaConnectCluster.builder().separateController().startKafkaOnly();
            worker = ConnectWorkerProcess.builder(kafka.bootstrapServers()).start();
            ConnectWorkerProcess exactlyOnceWorker = ConnectWorkerProcess.builder(kafka.bootstrapServers())
                    .workerProperty("exactly.once.source.support", "enabled").start();
            return new SoakRig(mosquitto, proxy, tap, kafka, worker, exactlyOnceWorker);
        } catch (RuntimeException | Error e) {
            closeAll(worker, kafka, proxy, mosquitto);
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

    /** The REST API of the at-least-once worker, where the load scenarios run. */
    ConnectRest rest() {
        return worker.rest();
    }

    /** The worker that runs the lane's connectors. */
    ConnectWorkerProcess workerOf(Lane lane) {
        return lane.exactlyOnce ? exactlyOnceWorker : worker;
    }

    KafkaTestClient kafkaClient() {
        return kafka.kafka();
    }

    @Override
    public void close() {
        closeAll(exactlyOnceWorker, worker, kafka, proxy, mosquitto);
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
