package io.github.mqttbridge.connect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authentication and access control as a production Mosquitto enforces them, against connectors on a Connect
 * worker process whose MQTT password comes from its environment ({@code ${env:MQTT_PASSWORD}}): username and
 * password, the client certificate as the identity, and what an ACL does to a denied publish and a denied
 * subscription at MQTT 3.1.1 — the broker hides both from the client, so these tests pin down what a user sees.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class MosquittoAccessControlIT {
    /** The CN of {@link TestCertificates#client()}: the username of a client that authenticates by certificate. */
    private static final String CERTIFICATE_USER = "mqttbridge test client";
    private static final String ACL = """
            # the bridge's account, which authenticates with username and password
            user %s
            topic readwrite acl/allowed/#
            topic read acl/readonly/#

            # the test's own publisher and subscriber, which authenticate with the client certificate
            user %s
            topic readwrite acl/#
            topic readwrite cert/#
            """.formatted(TestBroker.USERNAME, CERTIFICATE_USER);
    private static final TestCertificates CERTS = TestCertificates.shared();
    private static final Duration ARRIVES = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static final ClassResource<MosquittoBroker> mosquitto = ClassResource.of(() -> {
        MosquittoBroker.assumeAvailable();
        // Mosquitto's own message limits, not the harness's unlimited ones: with max_queued_messages 0, 2.0.11
        // closes the connection right after acknowledging a denied publish (see a_publish_the_acl_denies_...)
        return MosquittoBroker.builder().allowAnonymous(false).identityAsUsername().acl(ACL).defaultMessageLimits()
                .start();
    });
    @RegisterExtension
    @Order(2)
    static final ClassResource<KafkaConnectCluster> kafka =
            ClassResource.of(() -> KafkaConnectCluster.builder().startKafkaOnly());
    @RegisterExtension
    @Order(3)
    static final ClassResource<ConnectWorkerProcess> worker =
            ClassResource.of(() -> ConnectWorkerProcess.builder(kafka.get().bootstrapServers())
                    .workerProperty("config.providers", "env")
                    .workerProperty("config.providers.env.class",
                            "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                    .environment("MQTT_PASSWORD", TestBroker.PASSWORD)
                    .start());
    @RegisterExtension
    @Order(4)
    static final ClassResource<KafkaTestClient> kafkaClient =
            ClassResource.of(() -> new KafkaTestClient(kafka.get().bootstrapServers()));
    /** The test's own publisher and subscriber, authenticated by the client certificate. */
    @RegisterExtension
    @Order(5)
    static final ClassResource<MqttClient> certificateClient = ClassResource.of(() -> {
        MqttClient client = new MqttClient(mosquitto.get().mutualTlsUri(), "acl-test-" + UUID.randomUUID());
        client.connect(ConnectOptions.builder().sslContext(CERTS.mutualTls()).build()).get(30, TimeUnit.SECONDS);
        return client;
    });

    @Test
    void a_password_from_the_workers_environment_authenticates_and_stays_a_reference() throws Exception {
        String name = "env-password";
        String kafkaTopic = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        worker.get().rest().createConnector(name, passwordSource(kafkaTopic, "acl/allowed/env/#"));
        try {
            List<ConsumerRecord<byte[], byte[]>> records = publishUntilInKafka("acl/allowed/env/1", kafkaTopic);
            assertEquals("acl/allowed/env/1", text(records.get(0).value()));
            assertEquals("${env:MQTT_PASSWORD}", worker.get().rest().config(name).get("mqtt.password"),
                    "the REST API shows the reference, not the secret");
            String everything = Files.readString(worker.get().logFile()) + worker.get().rest().connectorStatus(name);
            assertFalse(everything.contains(TestBroker.PASSWORD), "the password is in the worker's log or status");
        } finally {
            delete(name);
        }
    }

    @Test
    void the_client_certificate_alone_authenticates_and_the_acl_applies_to_its_name() {
        String name = "certificate-identity";
        String kafkaTopic = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = source(mosquitto.get().mutualTlsUri(), kafkaTopic, "cert/#");
        config.put("mqtt.ssl.ca.pem", CERTS.ca().certPem().toString());
        config.put("mqtt.ssl.cert.pem", CERTS.client().certPem().toString());
        config.put("mqtt.ssl.key.pem", CERTS.client().keyPem().toString());
        worker.get().rest().createConnector(name, config);
        try {
            // the ACL grants cert/# to the certificate's CN only, so this arrives only if the broker took it as name
            List<ConsumerRecord<byte[], byte[]>> records = publishUntilInKafka("cert/1", kafkaTopic);
            assertEquals("cert/1", text(records.get(0).value()));
        } finally {
            delete(name);
        }
    }

    /**
     * Mosquitto acknowledges a QoS 1 publish its ACL denies (PUBACK at 3.1.1, which has no way to say no) and drops
     * it, without closing the connection: the sink counts it as delivered and commits its offset. Only the broker
     * knows; so the topics a sink writes must be checked against the broker's ACL before it runs. (Mosquitto 2.0.11
     * configured with {@code max_queued_messages 0} also closes the connection after that PUBACK, sometimes before
     * the PUBACK is written: the sink then sends the message again on the next connection. docs/operations.md:
     * "Authentication and access control".)
     */
    @Test
    void a_publish_the_acl_denies_is_acknowledged_and_dropped_by_the_broker() throws Exception {
        String name = "acl-sink";
        String kafkaTopic = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafkaClient.get().createTopic(kafkaTopic, 1);
        List<String> received = new CopyOnWriteArrayList<>();
        try (MqttClient subscriber = new MqttClient(mosquitto.get().mutualTlsUri(), "acl-sub-" + UUID.randomUUID())) {
            subscriber.onMessageArrived(m -> received.add(m.destinationName()));
            subscriber.connect(ConnectOptions.builder().sslContext(CERTS.mutualTls()).build())
                    .get(30, TimeUnit.SECONDS);
            subscriber.subscribe("acl/#", 1).get(30, TimeUnit.SECONDS);
            // denied ones between allowed ones: once the last allowed one is here, a denied one would be too
            List<String> keys = List.of("allowed/1", "denied/1", "allowed/2", "readonly/2", "allowed/3");
            keys.forEach(key -> kafkaClient.get().produce(kafkaTopic, 0, key, "payload of " + key));

            Map<String, String> config = withPasswordFromEnvironment(mosquitto.get().tcpUri());
            config.put("connector.class", MqttSinkConnector.class.getName());
            config.put("topics", kafkaTopic);
            config.put("mqtt.topic", "acl/{key}");
            config.put("mqtt.qos", "1");
            worker.get().rest().createConnector(name, config);
            try {
                await("the sink committed every record").atMost(ARRIVES).until(() -> kafkaClient.get()
                        .committedOffsets(KafkaTestClient.sinkGroupId(name)).values().stream()
                        .mapToLong(Long::longValue).sum() == keys.size());
                await("the allowed publishes arrived").atMost(ARRIVES).until(() -> received.size() >= 3);
                assertEquals(List.of("acl/allowed/1", "acl/allowed/2", "acl/allowed/3"), received);
                assertTrue(worker.get().rest().connectorStatus(name).runningWith(1));
                assertFalse(Files.readString(worker.get().logFile()).contains("lost the connection"),
                        "the broker did not close the connection over a denied publish");
            } finally {
                delete(name);
            }
        }
    }

    /**
     * Mosquitto 2.0 grants, at 3.1.1, a subscription its ACL denies (SUBACK with the requested QoS, not 0x80) and
     * then delivers nothing on it: the task runs and sees no error. A broker that answers 0x80 fails the task with
     * a message naming the filter (ConnectorSecurityIT).
     */
    @Test
    void a_subscription_the_acl_denies_is_granted_and_delivers_nothing() throws Exception {
        String name = "acl-source";
        String kafkaTopic = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        worker.get().rest().createConnector(name, passwordSource(kafkaTopic, "acl/readonly/#,acl/secret/#"));
        try {
            // the secret one first: it would be in Kafka before the readable one if the broker delivered it
            List<ConsumerRecord<byte[], byte[]>> records = publishUntilInKafka(List.of("acl/secret/1",
                    "acl/readonly/1"), kafkaTopic);
            assertEquals(List.of("acl/readonly/1"), records.stream().map(r -> text(r.value())).toList());
            assertTrue(worker.get().rest().connectorStatus(name).runningWith(1));
        } finally {
            delete(name);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> publishUntilInKafka(String topic, String kafkaTopic) {
        return publishUntilInKafka(List.of(topic), kafkaTopic);
    }

    /**
     * Publishes, with the topic as payload, until the last one is in Kafka: the task may not have subscribed yet
     * when the first round goes out. Returns the records of the first round that made it.
     */
    private static List<ConsumerRecord<byte[], byte[]>> publishUntilInKafka(List<String> topics, String kafkaTopic) {
        String last = topics.get(topics.size() - 1);
        await("'" + last + "' in Kafka").atMost(ARRIVES).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (String topic : topics) {
                certificateClient.get().publish(topic, topic.getBytes(StandardCharsets.UTF_8), 1, false)
                        .get(30, TimeUnit.SECONDS);
            }
            return kafkaClient.get().topics().contains(kafkaTopic)
                    && kafkaClient.get().readAll(kafkaTopic).stream().anyMatch(r -> text(r.value()).equals(last));
        });
        List<ConsumerRecord<byte[], byte[]>> all = kafkaClient.get().readAll(kafkaTopic);
        int end = 0;
        while (!text(all.get(end).value()).equals(last)) {
            end++;
        }
        return all.subList(0, end + 1);
    }

    private static Map<String, String> passwordSource(String kafkaTopic, String filters) {
        Map<String, String> config = source(mosquitto.get().tcpUri(), kafkaTopic, filters);
        config.putAll(withPasswordFromEnvironment(mosquitto.get().tcpUri()));
        return config;
    }

    private static Map<String, String> source(String uri, String kafkaTopic, String filters) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.topics", filters);
        c.put("mqtt.qos", "1");
        c.put("kafka.topic", kafkaTopic);
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        return c;
    }

    private static Map<String, String> withPasswordFromEnvironment(String uri) {
        Map<String, String> c = new HashMap<>();
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.username", TestBroker.USERNAME);
        c.put("mqtt.password", "${env:MQTT_PASSWORD}");
        return c;
    }

    private static void delete(String name) {
        ConnectRest rest = worker.get().rest();
        rest.deleteConnector(name);
        rest.awaitDeleted(name);
    }

    private static String text(byte[] bytes) {
        return KafkaTestClient.text(bytes);
    }
}
