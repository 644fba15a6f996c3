package io.github.mqttbridge.connect.sink;

import static io.github.mqttbridge.connect.sink.SinkTraffic.assertCompleteAndOrdered;
import static io.github.mqttbridge.connect.sink.SinkTraffic.committedAll;
import static io.github.mqttbridge.connect.sink.SinkTraffic.committedWithinReceived;
import static io.github.mqttbridge.connect.sink.SinkTraffic.produce;
import static io.github.mqttbridge.connect.sink.SinkTraffic.sinkConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink in a real Connect worker, configured through the REST API, against a real broker, checked by
 * subscribers that are not our client. Payloads are {@code <topic>:<partition>:<seq>} and each partition goes
 * to an MQTT topic of its own, so order and gaps per partition can be read off what arrives.
 */
class MqttSinkConnectorIT {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSinkConnectorIT.class);
    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** Subscribers on {@code filter}: a raw-socket one always, mosquitto_sub when installed. */
    private List<Subscriber> subscribers(String brokerUri, String filter) throws Exception {
        List<Subscriber> subs = new ArrayList<>();
        subs.add(closeLater(new RawSubscriber(brokerUri, filter)));
        if (MosquittoSubscriber.available()) {
            subs.add(closeLater(new MosquittoSubscriber(brokerUri, filter)));
        }
        return subs;
    }

    private static int distinct(Subscriber sub) {
        return sub.distinctCounts().size();
    }

    @ParameterizedTest(name = "{0} QoS {1}")
    @CsvSource({"EMBEDDED, 1", "EMBEDDED, 2", "MOSQUITTO, 1", "MOSQUITTO, 2"})
    void ten_thousand_records_arrive_on_their_topics_in_order(SharedBroker shared, int qos) throws Exception {
        TestBroker broker = shared.get();
        String run = "bulk" + shared.ordinal() + "q" + qos;
        List<String> topics = List.of(run + "-a", run + "-b");
        topics.forEach(t -> cluster.get().kafka().createTopic(t, 2));
        List<Subscriber> subs = subscribers(broker.tcpUri(), run + "/#");
        Map<String, String> config = sinkConfig(String.join(",", topics), broker.tcpUri(), qos);
        config.put("mqtt.topic", run + "/{topic}/{partition}");
        cluster.get().rest().createConnector(run, config);
        cluster.get().rest().awaitRunning(run, 2);

        produce(cluster.get().bootstrapServers(), topics, 2, 0, 2500);
        for (Subscriber sub : subs) {
            await(sub.name()).atMost(ARRIVAL).until(() -> distinct(sub) == 10_000);
            assertCompleteAndOrdered(sub, run + "/", topics, 2, 2500);
        }
        cluster.get().rest().deleteConnector(run);
    }

    /**
     * Mosquitto as installed takes 20 QoS 2 messages in flight per client and silently drops some beyond that, after
     * acknowledging them; the sink's default QoS 2 window keeps to it.
     */
    @Test
    void at_qos2_a_mosquitto_with_its_installed_limits_gets_every_record_with_the_default_windows() throws Exception {
        MosquittoBroker.assumeAvailable();
        MosquittoBroker stock = closeLater(MosquittoBroker.builder().defaultMessageLimits().start());
        String run = "stock-qos2";
        List<String> topics = List.of(run);
        cluster.get().kafka().createTopic(run, 2);
        Subscriber sub = closeLater(new RawSubscriber(stock.tcpUri(), run + "/#"));
        Map<String, String> config = sinkConfig(run, stock.tcpUri(), 2);
        config.put("mqtt.topic", run + "/{topic}/{partition}");
        cluster.get().rest().createConnector(run, config);
        cluster.get().rest().awaitRunning(run, 2);

        produce(cluster.get().bootstrapServers(), topics, 2, 0, 2000);
        await().atMost(ARRIVAL).until(() -> distinct(sub) == 4000);
        assertCompleteAndOrdered(sub, run + "/", topics, 2, 2000);
        cluster.get().rest().deleteConnector(run);
    }

    @Test
    void a_broker_outage_loses_nothing_and_commits_nothing_unacknowledged() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        FaultInjectionProxy proxy = closeLater(FaultInjectionProxy.to(broker.tcpUri()));
        String run = "outage";
        List<String> topics = List.of(run);
        cluster.get().kafka().createTopic(run, 2);
        Subscriber sub = closeLater(new RawSubscriber(broker.tcpUri(), run + "/#"));
        Map<String, String> config = sinkConfig(run, proxy.uri("tcp"), 1);
        config.put("mqtt.topic", run + "/{topic}/{partition}");
        // Small enough that the outage fills it and put() has to hand records back to Connect.
        config.put("mqtt.max.outstanding.records", "300");
        config.put("mqtt.retry.backoff.ms", "500");
        cluster.get().rest().createConnector(run, config);
        cluster.get().rest().awaitRunning(run, 2);

        produce(cluster.get().bootstrapServers(), topics, 2, 0, 1000);
        await().atMost(ARRIVAL).until(() -> distinct(sub) == 2000);
        proxy.refuseNew(true);
        proxy.cutAll();
        produce(cluster.get().bootstrapServers(), topics, 2, 1000, 3000);
        // For 20 s: the task stays RUNNING and no committed offset passes what the subscriber has.
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> committedWithinReceived(cluster.get().kafka(), run, sub)
                        && cluster.get().rest().connectorStatus(run).runningWith(2));
        proxy.refuseNew(false);
        await().atMost(ARRIVAL).until(() -> distinct(sub) == 6000);
        assertCompleteAndOrdered(sub, run + "/", topics, 2, 3000);
        await().atMost(ARRIVAL).until(() -> committedAll(cluster.get().kafka(), run, 2, 3000));
        cluster.get().rest().deleteConnector(run);
    }

    @Test
    void a_worker_restart_mid_stream_loses_nothing() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String run = "restart";
        List<String> topics = List.of(run);
        cluster.get().kafka().createTopic(run, 2);
        Subscriber sub = closeLater(new RawSubscriber(broker.tcpUri(), run + "/#"));
        Map<String, String> config = sinkConfig(run, broker.tcpUri(), 1);
        config.put("mqtt.topic", run + "/{topic}/{partition}");
        cluster.get().rest().createConnector(run, config);
        cluster.get().rest().awaitRunning(run, 2);

        produce(cluster.get().bootstrapServers(), topics, 2, 0, 5000);
        await().atMost(ARRIVAL).until(() -> distinct(sub) >= 1000);
        cluster.get().restartWorker();
        cluster.get().rest().awaitRunning(run, 2);
        await().atMost(ARRIVAL).until(() -> distinct(sub) == 10_000);
        assertCompleteAndOrdered(sub, run + "/", topics, 2, 5000);
        int duplicates = sub.count() - distinct(sub);
        // Only what was not committed when the worker stopped comes again: at most the records published
        // within one commit interval, far below everything.
        assertTrue(duplicates < 10_000, duplicates + " duplicates");
        LOG.info("Worker restart: {} duplicates of 10000 records", duplicates);
        cluster.get().rest().deleteConnector(run);
    }

    @Test
    void bad_records_go_to_the_dead_letter_queue_and_the_rest_flows_on() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String run = "dlq";
        cluster.get().kafka().createTopic(run, 1);
        Subscriber sub = closeLater(new RawSubscriber(broker.tcpUri(), run + "/#"));
        Map<String, String> config = sinkConfig(run, broker.tcpUri(), 1);
        config.put("tasks.max", "1");
        config.put("mqtt.topic", run + "/{header:device}");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", run + "-dead");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        cluster.get().rest().createConnector(run, config);
        cluster.get().rest().awaitRunning(run, 1);

        for (int i = 0; i < 100; i++) {
            if (i % 10 == 3) {
                cluster.get().kafka().produce(run, 0, "k", "bad-" + i);
            } else if (i % 10 == 7) {
                cluster.get().kafka().produce(run, 0, "k", "wild-" + i, KafkaTestClient.header("device", "+"));
            } else {
                cluster.get().kafka().produce(run, 0, "k", "good-" + i, KafkaTestClient.header("device", "d" + i));
            }
        }
        await().atMost(ARRIVAL).until(() -> distinct(sub) == 80);
        List<ConsumerRecord<byte[], byte[]>> dead = cluster.get().kafka().read(run + "-dead", 20, ARRIVAL);
        assertEquals(20, dead.size());
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            String value = KafkaTestClient.text(r.value());
            assertTrue(value.startsWith("bad-") || value.startsWith("wild-"), value);
        }
        assertTrue(sub.messages().stream().allMatch(m -> m.payload().startsWith("good-")
                && m.topic().equals(run + "/d" + m.payload().substring(5))), sub.messages().toString());
        await().atMost(ARRIVAL).until(() -> committedAll(cluster.get().kafka(), run, 1, 100));
        cluster.get().rest().deleteConnector(run);
    }

    @Test
    void a_tombstone_with_clear_retained_clears_the_retained_value() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String run = "tombstone";
        cluster.get().kafka().createTopic(run, 1);
        Map<String, String> config = sinkConfig(run, broker.tcpUri(), 1);
        config.put("tasks.max", "1");
        config.put("mqtt.topic", run + "/{key}");
        config.put("mqtt.retained", "true");
        config.put("mqtt.tombstone.behavior", "clear-retained");
        cluster.get().rest().createConnector(run, config);
        cluster.get().rest().awaitRunning(run, 1);

        cluster.get().kafka().produce(run, 0, "lamp", "on");
        await().atMost(ARRIVAL).until(() -> committedAll(cluster.get().kafka(), run, 1, 1));
        Subscriber before = closeLater(new RawSubscriber(broker.tcpUri(), run + "/#"));
        await().atMost(ARRIVAL).until(() -> before.count() == 1);
        assertEquals(new Subscriber.Message(run + "/lamp", "on", true), before.messages().get(0));

        cluster.get().kafka().produce(run, 0, "lamp", (String) null);
        await().atMost(ARRIVAL).until(() -> committedAll(cluster.get().kafka(), run, 1, 2));
        Subscriber after = closeLater(new RawSubscriber(broker.tcpUri(), run + "/#"));
        // The broker sends retained messages right after SUBACK; a second is ample on loopback.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> after.count() == 0);
        cluster.get().rest().deleteConnector(run);
    }
}
