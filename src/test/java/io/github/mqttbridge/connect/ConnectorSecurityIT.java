package io.github.mqttbridge.connect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.CapturedLog;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS, authentication and secrets at the connector level: connectors created through the REST API of a real
 * Connect worker, against Mosquitto (TLS listeners, password file) and the embedded HiveMQ (refused subscriptions).
 * Everything the run logs is captured from System.err, where slf4j-simple writes, so that tests can look for a
 * log line, and for secrets that must not be there.
 */
class ConnectorSecurityIT {
    private static final TestCertificates CERTS = TestCertificates.shared();
    private static final String STORE_PASSWORD = new String(TestCertificates.STORE_PASSWORD);
    /** Distinctive, so that finding one anywhere can only be a leak. */
    private static final String WRONG_PASSWORD = "wrong-Pa55word-7f3e1c";
    private static final String KEYSTORE_PASSWORD = "Keystore-Pa55-9b2d4a";
    private static final Duration CONNECTED = Duration.ofSeconds(60);

    @TempDir
    static Path secrets;

    /** Installed before the worker starts, so that it holds every line the worker and its connectors log. */
    @RegisterExtension
    @Order(1)
    static final ClassResource<CapturedLog> log = ClassResource.of(() -> {
        MosquittoBroker.assumeAvailable();
        return CapturedLog.install();
    });
    @RegisterExtension
    @Order(2)
    static final ClassResource<KafkaConnectCluster> cluster = ClassResource.of(() -> KafkaConnectCluster.builder()
            .workerProperty("config.providers", "file")
            .workerProperty("config.providers.file.class",
                    "org.apache.kafka.common.config.provider.FileConfigProvider")
            .start());
    @RegisterExtension
    @Order(3)
    static final ClassResource<MosquittoBroker> mosquitto =
            ClassResource.of(() -> MosquittoBroker.builder().allowAnonymous(false).start());

    /** Ways to give the connector its TLS material, each against the listener it fits. */
    enum Tls {
        CA_AS_PEM(b -> b.sslUri(), Map.of("mqtt.ssl.ca.pem", CERTS.ca().certPem().toString())),
        CA_AS_PKCS12_TRUST_STORE(b -> b.sslUri(), Map.of(
                "mqtt.ssl.truststore.location", CERTS.ca().pkcs12().toString(),
                "mqtt.ssl.truststore.password", STORE_PASSWORD)),
        MUTUAL_TLS_WITH_PEM(b -> b.mutualTlsUri(), Map.of(
                "mqtt.ssl.ca.pem", CERTS.ca().certPem().toString(),
                "mqtt.ssl.cert.pem", CERTS.client().certPem().toString(),
                "mqtt.ssl.key.pem", CERTS.client().keyPem().toString())),
        MUTUAL_TLS_WITH_KEY_STORE(b -> b.mutualTlsUri(), Map.of(
                "mqtt.ssl.truststore.location", CERTS.ca().pkcs12().toString(),
                "mqtt.ssl.truststore.password", STORE_PASSWORD,
                "mqtt.ssl.keystore.location", CERTS.client().pkcs12().toString(),
                "mqtt.ssl.keystore.password", STORE_PASSWORD));

        final Function<TestBroker, String> uri;
        final Map<String, String> keys;

        Tls(Function<TestBroker, String> uri, Map<String, String> keys) {
            this.uri = uri;
            this.keys = keys;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Tls.class)
    void a_source_connector_connects_over_tls(Tls tls) {
        String name = "tls-" + tls.name().toLowerCase().replace('_', '-');
        Map<String, String> config = source(tls.uri.apply(mosquitto.get()), "tls/#");
        credentials(config);
        config.putAll(tls.keys);
        runAndAwaitSubscribed(name, config);
    }

    @Test
    void a_broker_that_requires_a_client_certificate_refuses_us_without_one_and_the_task_keeps_retrying() {
        Map<String, String> config = source(mosquitto.get().mutualTlsUri(), "mtls/#");
        credentials(config);
        config.put("mqtt.ssl.ca.pem", CERTS.ca().certPem().toString());
        assertRefused("tls-no-client-cert", config, "certificate_required");
    }

    @Test
    void a_server_certificate_from_an_unknown_ca_is_refused() {
        Map<String, String> config = source(mosquitto.get().sslUri(), "unknown-ca/#");
        credentials(config);
        config.put("mqtt.ssl.ca.pem", CERTS.otherCa().certPem().toString());
        assertRefused("tls-unknown-ca", config, "unable to find valid certification path");
    }

    @Test
    void an_expired_server_certificate_is_refused() {
        try (MosquittoBroker expired = MosquittoBroker.builder().allowAnonymous(false)
                .serverIdentity(CERTS.expiredServer()).start()) {
            Map<String, String> config = source(expired.sslUri(), "expired/#");
            credentials(config);
            config.put("mqtt.ssl.ca.pem", CERTS.ca().certPem().toString());
            assertRefused("tls-expired", config, "validity check failed");
        }
    }

    @Test
    void a_certificate_for_another_host_is_refused_unless_host_name_verification_is_off_which_warns() {
        try (MosquittoBroker wrongHost = MosquittoBroker.builder().allowAnonymous(false)
                .serverIdentity(CERTS.wrongHostServer()).start()) {
            Map<String, String> config = source(wrongHost.sslUri(), "wrong-host/#");
            credentials(config);
            config.put("mqtt.ssl.ca.pem", CERTS.ca().certPem().toString());
            assertRefused("tls-wrong-host", config, "No subject alternative names matching");

            config.put("mqtt.ssl.hostname.verification", "false");
            runAndAwaitSubscribed("tls-wrong-host-unverified", config);
            assertTrue(log().contains("WARN " + MqttConnectionConfig.class.getName()
                            + " - mqtt.ssl.hostname.verification=false"),
                    "no WARN for turning host name verification off");
        }
    }

    @Test
    void a_password_from_a_file_config_provider_authenticates_against_mosquitto() throws Exception {
        Path file = secrets.resolve("secrets.properties");
        Files.writeString(file, "mqtt.password=" + TestBroker.PASSWORD + "\n");
        Map<String, String> config = source(mosquitto.get().tcpUri(), "provided/#");
        config.put("mqtt.username", TestBroker.USERNAME);
        config.put("mqtt.password", "${file:" + file + ":mqtt.password}");
        runAndAwaitSubscribed("provided-password", config);
    }

    /**
     * The broker refuses the subscription with SUBACK 0x80: the task fails, and its trace says which filter and
     * what to check. (Mosquitto 2.0.11 grants a 3.1.1 subscription its ACL denies, so HiveMQ refuses here.)
     */
    @Test
    void a_refused_subscription_fails_the_task_naming_the_filter() {
        TestBroker hivemq = SharedBroker.EMBEDDED.get();
        String name = "refused-subscription";
        String filter = EmbeddedBroker.REFUSED_FILTER_PREFIX + "#";
        cluster.get().rest().createConnector(name, source(hivemq.tcpUri(), filter));
        try {
            ConnectRest.ConnectorStatus status = cluster.get().rest().awaitState(name, 0, "FAILED", CONNECTED);
            String trace = status.tasks().get(0).trace();
            assertTrue(trace.contains("refused the subscription") && trace.contains("'" + filter + "'")
                    && trace.contains("0x80") && trace.contains("access rules"), trace);
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    /**
     * Connectors with distinctive secrets run, one with a wrong password (CONNACK refused, retried), so that
     * error paths log too; then no log line, task status or JMX attribute of the run may hold one of them.
     */
    @Test
    void passwords_and_keys_appear_in_no_log_status_or_jmx_attribute() throws Exception {
        Path keyStore = copyWithPassword(CERTS.client().pkcs12(), KEYSTORE_PASSWORD);
        String keyPem = Files.readString(CERTS.client().keyPem());
        String keyBody = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        Map<String, String> wrongPassword = source(mosquitto.get().tcpUri(), "secret/#");
        wrongPassword.put("mqtt.username", TestBroker.USERNAME);
        wrongPassword.put("mqtt.password", WRONG_PASSWORD);
        Map<String, String> keyStoreSink = sink(mosquitto.get().mutualTlsUri());
        credentials(keyStoreSink);
        keyStoreSink.put("mqtt.ssl.truststore.location", CERTS.ca().pkcs12().toString());
        keyStoreSink.put("mqtt.ssl.truststore.password", STORE_PASSWORD);
        keyStoreSink.put("mqtt.ssl.keystore.location", keyStore.toString());
        keyStoreSink.put("mqtt.ssl.keystore.password", KEYSTORE_PASSWORD);
        Map<String, String> pemSource = source(mosquitto.get().mutualTlsUri(), "secret-pem/#");
        credentials(pemSource);
        pemSource.put("mqtt.ssl.ca.pem", CERTS.ca().certPem().toString());
        pemSource.put("mqtt.ssl.cert.pem", CERTS.client().certPem().toString());
        pemSource.put("mqtt.ssl.key.pem", keyPem);

        Map<String, Map<String, String>> connectors = Map.of("secret-wrong-password", wrongPassword,
                "secret-keystore-sink", keyStoreSink, "secret-pem-source", pemSource);
        connectors.forEach((name, config) -> cluster.get().rest().createConnector(name, config));
        try {
            cluster.get().rest().awaitRunning("secret-keystore-sink", 1);
            runningAndSubscribed("secret-pem-source");
            await("the refused CONNACK logged").atMost(CONNECTED)
                    .until(() -> log().contains("'secret-wrong-password-0'") && log().contains("not authorized"));

            StringBuilder everything = new StringBuilder(log());
            for (String name : connectors.keySet()) {
                everything.append(cluster.get().rest().get("/connectors/" + name + "/status").toString());
            }
            everything.append(jmxAttributes("io.github.mqttbridge:*")).append(jmxAttributes("kafka.connect:*"));
            for (String secret : List.of(WRONG_PASSWORD, TestBroker.PASSWORD, KEYSTORE_PASSWORD, keyBody)) {
                assertFalse(everything.toString().contains(secret), "a secret leaked: " + secret);
            }
        } finally {
            connectors.keySet().forEach(cluster.get().rest()::deleteConnector);
        }
    }

    /** The task keeps running and retrying, and its log says why the handshake failed. */
    private void assertRefused(String name, Map<String, String> config, String reason) {
        int logged = log().length();
        cluster.get().rest().createConnector(name, config);
        try {
            cluster.get().rest().awaitRunning(name, 1);
            await(name + ": the refusal logged").atMost(CONNECTED)
                    .until(() -> log().substring(logged).lines().anyMatch(line -> line.contains("WARN")
                            && line.contains("Could not connect as '" + name + "-0'") && line.contains(reason)));
            // Refused by TLS, not a lost race: still RUNNING, still not connected, retrying with backoff.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.get().rest().connectorStatus(name).runningWith(1)
                            && Boolean.FALSE.equals(sourceAttribute(name, "Connected")));
        } finally {
            cluster.get().rest().deleteConnector(name);
            cluster.get().rest().awaitDeleted(name);
        }
    }

    private void runAndAwaitSubscribed(String name, Map<String, String> config) {
        cluster.get().rest().createConnector(name, config);
        try {
            runningAndSubscribed(name);
        } finally {
            cluster.get().rest().deleteConnector(name);
            cluster.get().rest().awaitDeleted(name);
        }
    }

    private void runningAndSubscribed(String name) {
        cluster.get().rest().awaitRunning(name, 1);
        await(name + " subscribed").atMost(CONNECTED)
                .until(() -> Boolean.TRUE.equals(sourceAttribute(name, "Subscribed")));
    }

    private static Map<String, String> source(String uri, String filter) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.topics", filter);
        c.put("kafka.topic", "security." + UUID.randomUUID().toString().substring(0, 8));
        c.put("mqtt.reconnect.backoff.min.ms", "200");
        c.put("mqtt.reconnect.backoff.max.ms", "1000");
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        return c;
    }

    private static Map<String, String> sink(String uri) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", "security-sink-in");
        c.put("mqtt.server.uris", uri);
        return c;
    }

    private static void credentials(Map<String, String> config) {
        config.put("mqtt.username", TestBroker.USERNAME);
        config.put("mqtt.password", TestBroker.PASSWORD);
    }

    private static Object sourceAttribute(String connector, String attribute) throws Exception {
        ObjectName name = new ObjectName("io.github.mqttbridge:type=mqtt-source-task,connector=" + connector
                + ",task=0");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.isRegistered(name) ? server.getAttribute(name, attribute) : null;
    }

    /** Every readable attribute of every bean matching {@code pattern}, as text. */
    private static String jmxAttributes(String pattern) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder out = new StringBuilder();
        for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
            out.append(name).append('\n');
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                try {
                    out.append(attribute.getName()).append('=').append(server.getAttribute(name, attribute.getName()))
                            .append('\n');
                } catch (Exception unreadable) {
                    // a bean that went away or an attribute that cannot be read holds nothing to leak
                }
            }
        }
        assertFalse(out.isEmpty(), "no MBeans match " + pattern);
        return out.toString();
    }

    private static Path copyWithPassword(Path pkcs12, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, TestCertificates.STORE_PASSWORD);
        }
        KeyStore copy = KeyStore.getInstance("PKCS12");
        copy.load(null, null);
        for (String alias : java.util.Collections.list(store.aliases())) {
            copy.setKeyEntry(alias, store.getKey(alias, TestCertificates.STORE_PASSWORD), password.toCharArray(),
                    store.getCertificateChain(alias));
        }
        Path file = secrets.resolve("client-" + UUID.randomUUID() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            copy.store(out, password.toCharArray());
        }
        return file;
    }

    private static String log() {
        return log.get().text();
    }
}
