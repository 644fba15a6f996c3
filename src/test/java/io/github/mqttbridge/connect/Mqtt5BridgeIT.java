package io.github.mqttbridge.connect;

import static io.github.mqttbridge.testing.KafkaTestClient.header;
import static io.github.mqttbridge.testing.KafkaTestClient.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.MosquittoV5Clients.Received;
import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.connect.source.SourceTaskProbe;
import io.github.mqttbridge.testing.CapturedLog;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both connectors on MQTT 5 in a real Connect worker, against HiveMQ CE and Mosquitto, checked with Mosquitto's
 * command line clients at {@code -V 5}: user properties and metadata cross the bridge both ways, a broker's refusal
 * of a publish follows the error policy and never commits the record as delivered, stale records expire, and a
 * duplicate client id is named.
 */
class Mqtt5BridgeIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    /** Anonymous clients may use every topic but those under refused/, which the embedded HiveMQ refuses too. */
    private static final String ACL = """
            topic readwrite #
            topic deny %s#
            """.formatted(EmbeddedBroker.REFUSED_FILTER_PREFIX);

    @RegisterExtension
    @Order(1)
    static final ClassResource<CapturedLog> log = ClassResource.of(CapturedLog::install);
    @RegisterExtension
    @Order(2)
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());
    @RegisterExtension
    @Order(3)
    static final ClassResource<MosquittoBroker> mosquitto = ClassResource.of(() -> {
        MosquittoV5Clients.assumeAvailable();
        // Mosquitto's installed limits: without a queue limit 2.0.11 closes the connection after a denied publish.
        return MosquittoBroker.builder().acl(ACL).defaultMessageLimits().start();
    });

    enum Broker {
        HIVEMQ_CE(SharedBroker.EMBEDDED::get),
        MOSQUITTO(() -> mosquitto.get());

        private final Supplier<TestBroker> broker;

        Broker(Supplier<TestBroker> broker) {
            this.broker = broker;
        }

        String uri() {
            MosquittoV5Clients.assumeAvailable();
            return broker.get().tcpUri();
        }
    }

    private final List<String> connectors = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (String name : connectors) {
            cluster.get().rest().deleteConnector(name);
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private static String run(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void create(String name, Map<String, String> config) {
        cluster.get().rest().createConnector(name, config);
        connectors.add(name);
    }

    private MosquittoV5Clients.Subscriber subscribe(String uri, String filter) throws Exception {
        MosquittoV5Clients.Subscriber sub = new MosquittoV5Clients.Subscriber(uri, filter);
        toClose.add(sub);
        return sub.ready();
    }

    private static KafkaTestClient kafka() {
        return cluster.get().kafka();
    }

    private static Map<String, String> source(String uri, String filter, String kafkaTopic) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.version", "5");
        c.put("mqtt.topics", filter);
        c.put("mqtt.qos", "1");
        c.put("kafka.topic", kafkaTopic);
        c.put("mqtt.reconnect.backoff.min.ms", "200");
        c.put("mqtt.reconnect.backoff.max.ms", "2000");
        return c;
    }

    private static Map<String, String> sink(String uri, String kafkaTopic, String mqttTopic) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", kafkaTopic);
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.version", "5");
        c.put("mqtt.topic", mqttTopic);
        c.put("mqtt.qos", "1");
        c.put("mqtt.reconnect.backoff.min.ms", "200");
        c.put("mqtt.reconnect.backoff.max.ms", "2000");
        return c;
    }

    private static Map<String, String> tolerant(Map<String, String> config, String deadLetterTopic) {
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetterTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    private static List<String> headerTexts(ConsumerRecord<byte[], byte[]> record, String name) {
        List<String> values = new ArrayList<>();
        for (Header h : record.headers().headers(name)) {
            values.add(text(h.value()));
        }
        return values;
    }

    private static long committed(String connector) {
        return kafka().committedOffsets(KafkaTestClient.sinkGroupId(connector)).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Broker.class)
    void user_properties_and_metadata_cross_mqtt_to_kafka_to_mqtt_as_the_foreign_publisher_sent_them(Broker broker)
            throws Exception {
        String uri = broker.uri();
        String run = run("roundtrip");
        String kafkaTopic = run;
        kafka().createTopic(kafkaTopic, 1);
        MosquittoV5Clients.Subscriber out = subscribe(uri, run + "/out");
        create(run + "-source", source(uri, run + "/in/#", kafkaTopic));
        Map<String, String> sink = sink(uri, kafkaTopic, run + "/out");
        sink.put("mqtt.version", "auto");   // 5 with both brokers
        create(run + "-sink", sink);
        cluster.get().rest().awaitRunning(run + "-source", 1);
        cluster.get().rest().awaitRunning(run + "-sink", 1);

        // The source may not have subscribed yet: publish until the first one has come all the way round.
        await("a message through source, Kafka and sink").atMost(ARRIVAL).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    MosquittoV5Clients.publish(uri, run + "/in/7", "{\"t\":21.5}",
                            "user-property", "site plant-7", "user-property", "trace-id abc",
                            "user-property", "site plant-8", "content-type", "application/json",
                            "response-topic", run + "/replies", "correlation-data", "req-42",
                            "message-expiry-interval", "600");
                    return !out.received().isEmpty();
                });
        Received r = out.received().get(0);
        assertEquals("site:plant-7 trace-id:abc site:plant-8", r.userProperties(), "exactly the user properties "
                + "sent, in order, repeats kept, none added");
        assertEquals("application/json", r.contentType());
        assertEquals(run + "/replies", r.responseTopic());
        assertEquals("req-42", r.correlationData());
        long expiry = Long.parseLong(r.expiryInterval());
        assertTrue(expiry > 500 && expiry <= 600, "the remaining interval goes on: " + expiry);
        assertEquals("{\"t\":21.5}", r.payload());

        ConsumerRecord<byte[], byte[]> inKafka = kafka().read(kafkaTopic, 1, ARRIVAL).get(0);
        assertEquals(List.of("plant-7", "plant-8"), headerTexts(inKafka, "site"));
        assertEquals(List.of("abc"), headerTexts(inKafka, "trace-id"));
        assertEquals(List.of(run + "/in/#"), headerTexts(inKafka, "mqtt.subscription.filter"));
        assertEquals(List.of("application/json"), headerTexts(inKafka, "mqtt.content.type"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Broker.class)
    void a_shared_subscription_on_mqtt5_gives_each_message_to_one_task_and_names_its_filter(Broker broker)
            throws Exception {
        String uri = broker.uri();
        String run = run("shared");
        String filter = "$share/" + run + "/" + run + "/#";
        Map<String, String> config = source(uri, filter, run);
        config.put("tasks.max", "2");
        create(run, config);
        cluster.get().rest().awaitRunning(run, 2);
        await("both tasks subscribed").atMost(ARRIVAL).until(() -> SourceTaskProbe.subscribed(run, 0)
                && SourceTaskProbe.subscribed(run, 1));
        try (io.github.mqttbridge.client.MqttClient publisher = new io.github.mqttbridge.client.MqttClient(uri,
                run + "-pub")) {
            publisher.connect(io.github.mqttbridge.client.ConnectOptions.builder().mqttVersion(5).build())
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (int i = 0; i < 40; i++) {
                publisher.publish(run + "/" + i, new byte[] {(byte) i}, 1, false)
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = kafka().read(run, 40, ARRIVAL);
        assertEquals(40, records.stream().map(r -> text(r.key())).distinct().count());
        records.forEach(r -> assertEquals(List.of(filter), headerTexts(r, "mqtt.subscription.filter")));
        // How the broker spreads them is its own choice (HiveMQ CE may give all to one member); together once.
        long received = 0;
        for (int task = 0; task < 2; task++) {
            received += ((Number) SourceTaskProbe.attribute(run, task, "MessagesReceived")).longValue();
        }
        assertEquals(40, received, "each message to one member of the group");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Broker.class)
    void headers_a_kafka_producer_wrote_arrive_as_user_properties(Broker broker) throws Exception {
        String uri = broker.uri();
        String run = run("headers");
        kafka().createTopic(run, 1);
        MosquittoV5Clients.Subscriber out = subscribe(uri, run + "/out");
        Map<String, String> config = sink(uri, run, run + "/out");
        // The raw header bytes, not Connect's text form of them: valid UTF-8 as text, the rest as Base64.
        config.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("mqtt.headers.exclude", "secret-.*");
        create(run, config);
        cluster.get().rest().awaitRunning(run, 1);

        kafka().produce(run, 0, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8),
                header("trace-id", "abc"), new RecordHeader("bin",
                        new byte[] {(byte) 0xFF, 0}), header("secret-token", "s3cr3t"),
                header("mqtt.internal", "x"), header("trace-id", "def"));
        await("the record as a message").atMost(ARRIVAL).until(() -> !out.received().isEmpty());
        assertEquals("trace-id:abc bin:/wA= trace-id:def", out.received().get(0).userProperties());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Broker.class)
    void a_refused_publish_goes_to_the_dead_letter_queue_with_its_reason_code_and_only_then_is_committed(
            Broker broker) throws Exception {
        String uri = broker.uri();
        String run = run("refused");
        kafka().createTopic(run, 1);
        MosquittoV5Clients.Subscriber out = subscribe(uri, run + "/#");
        String refusedTopic = EmbeddedBroker.REFUSED_FILTER_PREFIX + run;
        List<String> keys = List.of(run + "/1", refusedTopic, run + "/2");
        keys.forEach(key -> kafka().produce(run, 0, key, "payload of " + key));
        create(run, tolerant(sink(uri, run, "{key}"), run + "-dlq"));

        List<ConsumerRecord<byte[], byte[]>> dead = kafka().read(run + "-dlq", 1, ARRIVAL);
        assertEquals(refusedTopic, text(dead.get(0).key()));
        assertEquals(List.of(String.valueOf(0x87)), headerTexts(dead.get(0), "mqtt.reason.code"));
        if (broker == Broker.HIVEMQ_CE) {
            assertEquals(List.of(EmbeddedBroker.REFUSED_REASON), headerTexts(dead.get(0), "mqtt.reason.string"));
        }
        assertTrue(headerTexts(dead.get(0), "__connect.errors.exception.message").get(0).contains("0x87"));
        await("every offset committed").atMost(ARRIVAL).until(() -> committed(run) == keys.size());
        // HiveMQ CE also ends the connection after its refusal (DISCONNECT 0x87), so what was in flight with it is
        // sent again: at least once.
        await("the allowed ones arrived").atMost(ARRIVAL).until(() -> out.received().stream().map(Received::topic)
                .distinct().count() == 2);
        assertEquals(List.of(run + "/1", run + "/2"), out.received().stream().map(Received::topic).distinct()
                .toList());
        assertTrue(cluster.get().rest().connectorStatus(run).runningWith(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Broker.class)
    void without_tolerance_a_refused_publish_fails_the_task_naming_the_code_and_topic_and_commits_nothing(
            Broker broker) {
        String uri = broker.uri();
        String run = run("refused-fail");
        kafka().createTopic(run, 1);
        String refusedTopic = EmbeddedBroker.REFUSED_FILTER_PREFIX + run;
        kafka().produce(run, 0, refusedTopic, "never delivered");
        create(run, sink(uri, run, "{key}"));

        ConnectRest.ConnectorStatus status = cluster.get().rest().awaitState(run, 0, "FAILED", ARRIVAL);
        String trace = status.tasks().get(0).trace();
        assertTrue(trace.contains("0x87 Not authorized") && trace.contains("'" + refusedTopic + "'")
                && trace.contains("access rules"), trace);
        assertEquals(0, committed(run), "a refused record is never committed as delivered");
    }

    @Test
    void a_record_older_than_its_message_expiry_is_not_published() throws Exception {
        String uri = Broker.MOSQUITTO.uri();
        String run = run("expiry");
        kafka().createTopic(run, 1);
        MosquittoV5Clients.Subscriber out = subscribe(uri, run + "/#");
        long now = System.currentTimeMillis();
        byte[] value = "v".getBytes(StandardCharsets.UTF_8);
        kafka().produce(run, 0, now - 120_000, (run + "/stale").getBytes(StandardCharsets.UTF_8), value,
                header("mqtt.message.expiry.interval", "60"));
        kafka().produce(run, 0, now, (run + "/fresh").getBytes(StandardCharsets.UTF_8), value,
                header("mqtt.message.expiry.interval", "60"));
        create(run, sink(uri, run, "{key}"));

        await("both offsets committed").atMost(ARRIVAL).until(() -> committed(run) == 2);
        await("the fresh one arrived").atMost(ARRIVAL).until(() -> !out.received().isEmpty());
        assertEquals(List.of(run + "/fresh"), out.received().stream().map(Received::topic).toList());
        long expiry = Long.parseLong(out.received().get(0).expiryInterval());
        assertTrue(expiry > 0 && expiry <= 60, "what is left of 60 s: " + expiry);
    }

    /**
     * 400 records to two topics of 120 bytes each, through a proxy that counts what the sink's client sends: with
     * aliases each topic goes out in full once and as a two-byte alias after.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Broker.class)
    void outbound_topic_aliases_save_the_topic_bytes_of_every_message_but_the_first(Broker broker) throws Exception {
        String uri = broker.uri();
        long plain = sinkBytes(uri, "0");
        long aliased = sinkBytes(uri, "8");
        int records = 400;
        int topicBytes = 120;
        System.out.printf("%s: 400 records to 2 topics of 120 bytes: %,d bytes sent without topic aliases, %,d "
                + "with (%.0f%% less)%n", broker, plain, aliased, 100.0 * (plain - aliased) / plain);
        // Each message by alias saves the topic but carries a 3-byte alias property; the lengths' encodings vary.
        assertTrue(plain - aliased >= (long) (records - 2) * (topicBytes - 10), "without " + plain + ", with "
                + aliased + ": less saved than the topics' bytes");
    }

    private long sinkBytes(String uri, String aliases) throws Exception {
        String run = run("alias" + aliases);
        kafka().createTopic(run, 1);
        String prefix = run + "/" + "x".repeat(120 - run.length() - 3) + "/";
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(uri)) {
            MosquittoV5Clients.Subscriber out = subscribe(uri, run + "/#");
            Map<String, String> config = sink(proxy.uri("tcp"), run, prefix + "{key}");
            config.put("mqtt.outbound.topic.aliases", aliases);
            for (int i = 0; i < 400; i++) {
                kafka().produce(run, 0, String.valueOf(i % 2), "v");
            }
            create(run, config);
            await("all arrived").atMost(ARRIVAL).until(() -> out.received().size() >= 400);
            await("all committed").atMost(ARRIVAL).until(() -> committed(run) == 400);
            assertEquals(120, out.received().get(0).topic().length());
            return proxy.bytesToTarget();
        }
    }

    /**
     * HiveMQ CE tells the client it loses to another with its id (DISCONNECT 0x8E); Mosquitto 2.0.11 closes the
     * connection without a word, so there the client's log says only that the server closed it.
     */
    @Test
    void another_client_with_the_tasks_id_is_named_as_the_reason_the_connection_was_taken() throws Exception {
        String uri = Broker.HIVEMQ_CE.uri();
        String run = run("takeover");
        Map<String, String> config = source(uri, run + "/#", run);
        config.put("mqtt.client.id", run);
        create(run, config);
        cluster.get().rest().awaitRunning(run, 1);
        await("the task connected").atMost(ARRIVAL).until(() -> log.get().text().contains("as '" + run + "-0'"));

        // a foreign client that connects with the task's id takes the session over
        toClose.add(new MosquittoV5Clients.Subscriber(uri, run + "/#", run + "-0"));
        await("the takeover named").atMost(ARRIVAL).until(() -> log.get().text()
                .contains("the broker ended the connection of client id '" + run + "-0' because another client "
                        + "connected with the same id"));
    }

    @Test
    void a_subscription_the_broker_refuses_fails_the_source_naming_the_filter_and_the_reason() {
        String uri = Broker.HIVEMQ_CE.uri();
        String run = run("refused-sub");
        String filter = EmbeddedBroker.REFUSED_FILTER_PREFIX + run + "/#";
        create(run, source(uri, filter, run));
        ConnectRest.ConnectorStatus status = cluster.get().rest().awaitState(run, 0, "FAILED", ARRIVAL);
        String trace = status.tasks().get(0).trace();
        assertTrue(trace.contains("'" + filter + "'") && trace.contains("SUBACK reason code 0x87 Not authorized")
                && trace.contains("access rules"), trace);
    }
}
