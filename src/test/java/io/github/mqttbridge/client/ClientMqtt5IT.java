package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.failure;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MQTT 5 against real brokers (the embedded HiveMQ CE, Mosquitto) and, for the foreign peer, Mosquitto's own
 * command-line clients: the version negotiated, message metadata both ways, subscription options and identifiers,
 * reason codes from a real ACL denial, a server's DISCONNECT with its reason, and the server's receive maximum.
 */
class ClientMqtt5IT {
    private static final ConnectOptions V5 = ConnectOptions.builder().mqttVersion(5).build();

    private static MqttClient connected(TestBroker broker, String prefix, ConnectOptions options) throws Exception {
        MqttClient c = new MqttClient(broker.tcpUri(), clientId(prefix));
        join(c.connect(options));
        return c;
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void version_5_is_negotiated_when_asked_for_and_by_the_automatic_mode(SharedBroker shared) throws Exception {
        try (MqttClient fixed = connected(shared.get(), "v5", V5);
             MqttClient auto = connected(shared.get(), "auto",
                     ConnectOptions.builder().mqttVersion(ConnectOptions.MQTT_VERSION_AUTO).build());
             MqttClient unset = connected(shared.get(), "unset", ConnectOptions.defaults())) {
            assertEquals(5, fixed.mqttVersion());
            assertEquals(5, auto.mqttVersion(), "auto tries 5 first");
            assertEquals(4, unset.mqttVersion(), "left unset, the client speaks 3.1.1 as before");
        }
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void message_metadata_and_subscription_identifiers_arrive_as_sent(SharedBroker shared) throws Exception {
        String t = topic("v5-metadata");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient sub = connected(shared.get(), "meta-sub", V5).onMessageArrived(arrived);
             MqttClient pub = connected(shared.get(), "meta-pub", V5)) {
            assertEquals(1, join(sub.subscribe(t, SubscribeOptions.builder().qos(1).subscriptionIdentifier(7)
                    .build())));
            MqttMessage m = new MqttMessage("{\"t\":21.5}");
            m.setDestinationName(t);
            m.setQos(1);
            m.addUserProperty("trace-id", "abc");
            m.addUserProperty("site", "plant-7");
            m.addUserProperty("trace-id", "def");
            m.setContentType("application/json");
            m.setResponseTopic("replies/7");
            m.setCorrelationData(new byte[] {1, 2, 3});
            m.setMessageExpiryInterval(3600L);
            m.setPayloadFormatUtf8(true);
            join(pub.send(m));

            MqttMessage got = arrived.awaitCount(1).get(0);
            assertEquals(List.of(new UserProperty("trace-id", "abc"), new UserProperty("site", "plant-7"),
                    new UserProperty("trace-id", "def")), got.userProperties(), "order and repeats kept");
            assertEquals("application/json", got.contentType());
            assertEquals("replies/7", got.responseTopic());
            assertArrayEquals(new byte[] {1, 2, 3}, got.correlationData());
            assertTrue(got.messageExpiryInterval() != null && got.messageExpiryInterval() <= 3600,
                    "the remaining expiry is forwarded: " + got.messageExpiryInterval());
            assertTrue(got.payloadFormatUtf8());
            assertEquals(List.of(7), got.subscriptionIdentifiers());
            assertEquals("{\"t\":21.5}", got.payloadString());
        }
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void on_mqtt_3_1_1_the_metadata_is_not_sent_and_arrives_absent(SharedBroker shared) throws Exception {
        String t = topic("v311-metadata");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient sub = connected(shared.get(), "v311-sub", V5).onMessageArrived(arrived);
             MqttClient pub = connected(shared.get(), "v311-pub", ConnectOptions.builder().mqttVersion(4).build())) {
            join(sub.subscribe(t, 1));
            MqttMessage m = new MqttMessage("x");
            m.setDestinationName(t);
            m.setQos(1);
            m.addUserProperty("dropped", "on 3.1.1");
            m.setContentType("text/plain");
            join(pub.send(m));
            MqttMessage got = arrived.awaitCount(1).get(0);
            assertEquals(List.of(), got.userProperties());
            assertNull(got.contentType());
        }
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void no_local_keeps_a_clients_own_messages_from_coming_back(SharedBroker shared) throws Exception {
        String t = topic("v5-nolocal");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient self = connected(shared.get(), "nolocal", V5).onMessageArrived(arrived);
             MqttClient other = connected(shared.get(), "other", V5)) {
            join(self.subscribe(t, SubscribeOptions.builder().qos(1).noLocal(true).build()));
            join(self.publish(t, utf8("mine"), 1, false));
            join(other.publish(t, utf8("theirs"), 1, false));
            await().atMost(ClientTesting.WAIT).until(() -> arrived.size() == 1);
            await().during(Duration.ofMillis(500)).until(() -> arrived.size() == 1);
            assertEquals("theirs", arrived.items().get(0).payloadString());
        }
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void retain_handling_2_sends_no_retained_messages_on_subscribe(SharedBroker shared) throws Exception {
        String t = topic("v5-retain-handling");
        Collector<MqttMessage> never = new Collector<>();
        Collector<MqttMessage> always = new Collector<>();
        try (MqttClient pub = connected(shared.get(), "rh-pub", V5);
             MqttClient rh2 = connected(shared.get(), "rh2", V5).onMessageArrived(never);
             MqttClient rh0 = connected(shared.get(), "rh0", V5).onMessageArrived(always)) {
            join(pub.publish(t, utf8("kept"), 1, true));
            join(rh2.subscribe(t, SubscribeOptions.builder().qos(1).retainHandling(2).build()));
            join(rh0.subscribe(t, SubscribeOptions.builder().qos(1).retainHandling(0).build()));
            always.awaitCount(1);
            await().during(Duration.ofMillis(500)).until(() -> never.size() == 0);
            join(pub.publish(t, new byte[0], 1, true));
        }
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void an_empty_client_id_gets_one_assigned_by_the_server(SharedBroker shared) throws Exception {
        try (MqttClient c = new MqttClient(shared.get().tcpUri(), "")) {
            assertEquals("", c.clientId());
            join(c.connect(V5));
            assertFalse(c.clientId().isEmpty(), "the server's assigned client identifier");
        }
    }

    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void messages_published_by_topic_alias_arrive_on_their_topics(SharedBroker shared) throws Exception {
        String base = topic("v5-alias");
        List<String> topics = List.of(base + "/a", base + "/b", base + "/c");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient sub = connected(shared.get(), "alias-sub", V5).onMessageArrived(arrived);
             MqttClient pub = connected(shared.get(), "alias-pub", ConnectOptions.builder().mqttVersion(5)
                     .outboundTopicAliases(2).build())) {
            join(sub.subscribe(base + "/#", 1));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String t = topics.get(i % 3);
                join(pub.publish(t, utf8(Integer.toString(i)), 1, false));
                sent.add(t + " " + i);
            }
            List<MqttMessage> got = arrived.awaitCount(12);
            assertEquals(sent, got.stream().map(m -> m.destinationName() + " " + m.payloadString()).toList(),
                    "two topics by alias, the third in full, each on its own topic");
        }
    }

    /** A session outlives its connection by its expiry interval and no longer. */
    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void a_session_resumes_within_its_expiry_interval_and_is_gone_after_it(SharedBroker shared) throws Exception {
        String t = topic("v5-session-expiry");
        String id = clientId("expiry");
        ConnectOptions twoSeconds = ConnectOptions.builder().mqttVersion(5).cleanSession(false)
                .sessionExpiryInterval(2).build();
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient pub = connected(shared.get(), "expiry-pub", V5);
             MqttClient sub = new MqttClient(shared.get().tcpUri(), id).onMessageArrived(arrived)) {
            join(sub.connect(twoSeconds));
            join(sub.subscribe(t, 1));
            join(sub.disconnect());
            join(pub.publish(t, utf8("kept"), 1, false));
            join(sub.connect(twoSeconds));
            assertEquals("kept", arrived.awaitCount(1).get(0).payloadString(), "resumed within the interval");

            join(sub.disconnect());
            join(pub.publish(t, utf8("expired with the session"), 1, false));
            // Time must pass for the session to expire; there is nothing to wait for but the clock.
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
            join(sub.connect(twoSeconds));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> arrived.size() == 1);
        }
    }

    /**
     * Message expiry on both sides: the broker drops a message whose interval passed while our subscriber was away,
     * and our client drops one whose interval passed while it waited for a connection, failing its future.
     */
    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void expired_messages_are_neither_delivered_nor_sent(SharedBroker shared) throws Exception {
        String t = topic("v5-expiry");
        String subId = clientId("expiry-sub");
        ConnectOptions keep = ConnectOptions.builder().mqttVersion(5).cleanSession(false).build();
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient sub = new MqttClient(shared.get().tcpUri(), subId).onMessageArrived(arrived);
             MqttClient pub = new MqttClient(shared.get().tcpUri(), clientId("expiry-pub"))) {
            join(sub.connect(keep));
            join(sub.subscribe(t, 1));
            join(sub.disconnect());
            ConnectOptions offline = ConnectOptions.builder().mqttVersion(5).disconnectedPublishing(true).build();
            join(pub.connect(offline));
            join(pub.send(expiring(t, "queued by the broker, expires", 1)));
            join(pub.send(expiring(t, "queued by the broker, kept", 600)));
            join(pub.disconnect());
            CompletableFuture<Void> waitedHere = pub.send(expiring(t, "waited in our client, expires", 1));
            CompletableFuture<Void> keptHere = pub.send(expiring(t, "waited in our client, kept", 600));
            // Time must pass for the messages to expire; there is nothing to wait for but the clock.
            await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> true);

            join(pub.connect(offline));
            MqttException expired = failure(waitedHere);
            assertEquals(MqttErrorCode.MESSAGE_EXPIRED, expired.code());
            assertTrue(expired.getMessage().contains("expiry"), expired.getMessage());
            join(keptHere);
            join(sub.connect(keep));
            List<MqttMessage> got = arrived.awaitCount(2);
            await().during(Duration.ofMillis(500)).until(() -> arrived.size() == 2);
            assertEquals(List.of("queued by the broker, kept", "waited in our client, kept"),
                    got.stream().map(MqttMessage::payloadString).toList());
            assertTrue(got.get(0).messageExpiryInterval() < 600, "the broker forwards what is left: "
                    + got.get(0).messageExpiryInterval());
        }
    }

    private static MqttMessage expiring(String topic, String payload, long seconds) {
        MqttMessage m = new MqttMessage(payload);
        m.setDestinationName(topic);
        m.setQos(1);
        m.setMessageExpiryInterval(seconds);
        return m;
    }

    /** A message that waited in a file store for a new process keeps its metadata. */
    @Test
    void metadata_of_a_message_restored_from_file_persistence_is_sent_with_it(@TempDir Path store) throws Exception {
        TestBroker broker = SharedBroker.MOSQUITTO.get();
        String t = topic("v5-restored");
        String id = clientId("restored");
        ConnectOptions persisted = ConnectOptions.builder().mqttVersion(5).persistence(MqttPersistence.file(store))
                .disconnectedPublishing(true).build();
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient sub = connected(broker, "restored-sub", V5).onMessageArrived(arrived)) {
            join(sub.subscribe(t, 1));
            try (MqttClient first = new MqttClient(broker.tcpUri(), id)) {
                join(first.connect(persisted));
                join(first.disconnect());
                MqttMessage m = new MqttMessage("kept");
                m.setDestinationName(t);
                m.setQos(1);
                m.addUserProperty("trace-id", "abc");
                m.setCorrelationData(new byte[] {7});
                first.send(m);
            }
            try (MqttClient second = new MqttClient(broker.tcpUri(), id)) {
                join(second.connect(persisted));
                MqttMessage got = arrived.awaitCount(1).get(0);
                assertEquals("kept", got.payloadString());
                assertEquals(List.of(new UserProperty("trace-id", "abc")), got.userProperties());
                assertArrayEquals(new byte[] {7}, got.correlationData());
            }
        }
    }

    /** HiveMQ CE says why with DISCONNECT 0x8E; Mosquitto 2.0.11 just closes the connection, and we say so. */
    @ParameterizedTest
    @EnumSource(SharedBroker.class)
    void a_session_taken_over_ends_with_the_servers_disconnect_and_its_reason_code(SharedBroker shared)
            throws Exception {
        String id = clientId("taken");
        Collector<ConnectionLost> lost = new Collector<>();
        try (MqttClient first = new MqttClient(shared.get().tcpUri(), id).onConnectionLost(lost);
             MqttClient second = new MqttClient(shared.get().tcpUri(), id)) {
            join(first.connect(V5));
            join(second.connect(V5));
            ConnectionLost l = lost.awaitCount(1).get(0);
            if (shared == SharedBroker.MOSQUITTO) {
                assertEquals(MqttErrorCode.SOCKET_CLOSE, l.errorCode(), l.toString());
                assertEquals(-1, l.reasonCode(), "no DISCONNECT, no reason code: " + l);
                return;
            }
            assertEquals(MqttErrorCode.SERVER_DISCONNECT, l.errorCode(), l.toString());
            assertEquals(0x8E, l.reasonCode(), "0x8E Session taken over: " + l);
            assertTrue(l.errorMessage().contains("Session taken over"), l.errorMessage());
        }
    }

    /** Mosquitto 2.0.11 grants a subscription its ACL denies (it filters at delivery), so SUBACK is tested below. */
    @Test
    void an_acl_denial_refuses_the_publish_with_reason_code_0x87() throws Exception {
        // Mosquitto's own message limits: with max_queued_messages 0, 2.0.11 closes the connection right after
        // acknowledging a denied publish (see MosquittoAccessControlIT).
        try (MosquittoBroker acl = MosquittoBroker.builder().allowAnonymous(false).defaultMessageLimits()
                .acl("user " + TestBroker.USERNAME + "\ntopic readwrite allowed/#\n").start();
             MqttClient c = new MqttClient(acl.tcpUri(), clientId("acl"))) {
            join(c.connect(ConnectOptions.builder().mqttVersion(5).userName(TestBroker.USERNAME)
                    .password(TestBroker.PASSWORD.toCharArray()).build()));
            join(c.publish("allowed/a", utf8("ok"), 1, false));

            MqttException publish = failure(c.publish("denied/a", utf8("no"), 1, false));
            assertEquals(MqttErrorCode.PUBLISH_FAILED, publish.code());
            assertEquals(0x87, publish.reasonCode(), publish.getMessage());
            assertTrue(publish.getMessage().contains("denied/a"), publish.getMessage());

            MqttException qos2 = failure(c.publish("denied/b", utf8("no"), 2, false));
            assertEquals(0x87, qos2.reasonCode(), "a PUBREC refusal ends the QoS 2 flow: " + qos2.getMessage());

            assertTrue(c.isConnected(), "refusals on MQTT 5 leave the connection up");
            join(c.publish("allowed/b", utf8("still ok"), 1, false));
        }
    }

    @Test
    void a_refused_subscription_fails_with_the_subacks_reason_code() throws Exception {
        try (MqttClient c = connected(SharedBroker.EMBEDDED.get(), "suback", V5)) {
            MqttException refused = failure(c.subscribe(EmbeddedBroker.REFUSED_FILTER_PREFIX + "#", 1));
            assertEquals(MqttErrorCode.SUBSCRIBE_FAILED, refused.code());
            assertEquals(0x87, refused.reasonCode(), refused.getMessage());
            assertTrue(refused.getMessage().contains("Not authorized"), refused.getMessage());
            assertTrue(c.isConnected());
        }
    }

    @Test
    void a_refused_connection_fails_with_the_connacks_reason_code() throws Exception {
        try (MqttClient c = new MqttClient(SharedBroker.EMBEDDED.get().tcpUri(), clientId("connack"))) {
            MqttException refused = failure(c.connect(ConnectOptions.builder().mqttVersion(5)
                    .userName(TestBroker.USERNAME).password("wrong".toCharArray()).build()));
            assertEquals(MqttErrorCode.CONNACK_RETURNCODE, refused.code());
            assertEquals(0x86, refused.reasonCode(), refused.getMessage());
            assertFalse(refused.getMessage().contains("wrong"), "the password never shows");
        }
    }

    @Test
    void a_publish_larger_than_the_servers_maximum_packet_size_fails_without_costing_the_connection() throws Exception {
        try (MosquittoBroker small = MosquittoBroker.builder().maxPacketSize(1000).start();
             MqttClient c = connected(small, "max-packet", V5)) {
            MqttException tooLarge = failure(c.publish("big", new byte[2000], 1, false));
            assertEquals(MqttErrorCode.PUBLISH_FAILED, tooLarge.code());
            assertTrue(tooLarge.getMessage().contains("maximum packet size of 1000 bytes"), tooLarge.getMessage());
            assertTrue(c.isConnected());
            join(c.publish("small", new byte[100], 1, false));
        }
    }

    /**
     * Mosquitto as installed takes 20 QoS 2 messages in flight; on MQTT 5 it says so as its receive maximum, which
     * the client keeps to even with a wider window of its own, so nothing is lost.
     */
    @Test
    void the_servers_receive_maximum_bounds_the_window_so_stock_mosquitto_loses_nothing() throws Exception {
        int count = 500;
        try (MosquittoBroker stock = MosquittoBroker.builder().defaultMessageLimits().start()) {
            String t = topic("v5-receive-max");
            Collector<MqttMessage> arrived = new Collector<>();
            try (MqttClient sub = connected(stock, "rm-sub", V5).onMessageArrived(arrived);
                 MqttClient pub = connected(stock, "rm-pub", ConnectOptions.builder().mqttVersion(5)
                         .maxInflight(1000).maxInflightQos2(1000).build())) {
                join(sub.subscribe(t, 2));
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    sent.add(pub.publish(t, utf8(Integer.toString(i)), 2, false));
                }
                join(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
                List<MqttMessage> got = arrived.awaitCount(count);
                for (int i = 0; i < count; i++) {
                    assertEquals(Integer.toString(i), got.get(i).payloadString());
                }
            }
        }
    }

    @Test
    void user_properties_cross_to_and_from_mosquittos_own_clients() throws Exception {
        TestBroker broker = SharedBroker.MOSQUITTO.get();
        URI uri = URI.create(broker.tcpUri());
        String fromThem = topic("v5-from-mosquitto-pub");
        String toThem = topic("v5-to-mosquitto-sub");
        Collector<MqttMessage> arrived = new Collector<>();
        Process sub = new ProcessBuilder("mosquitto_sub", "-V", "5", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort()), "-t", toThem, "-q", "1", "-C", "1", "-F", "%P %p").start();
        try (MqttClient ours = connected(broker, "foreign", V5).onMessageArrived(arrived)) {
            join(ours.subscribe(fromThem, 1));
            Process pub = new ProcessBuilder("mosquitto_pub", "-V", "5", "-h", uri.getHost(), "-p",
                    String.valueOf(uri.getPort()), "-t", fromThem, "-q", "1", "-m", "hello",
                    "-D", "publish", "user-property", "origin", "mosquitto_pub",
                    "-D", "publish", "content-type", "text/plain").inheritIO().start();
            assertTrue(pub.waitFor(30, TimeUnit.SECONDS) && pub.exitValue() == 0, "mosquitto_pub succeeded");
            MqttMessage got = arrived.awaitCount(1).get(0);
            assertEquals(List.of(new UserProperty("origin", "mosquitto_pub")), got.userProperties());
            assertEquals("text/plain", got.contentType());

            // mosquitto_sub has no readiness signal; our message is retained so that it gets it whenever it is ready.
            MqttMessage m = new MqttMessage("hi");
            m.setDestinationName(toThem);
            m.setQos(1);
            m.setRetained(true);
            m.addUserProperty("origin", "ours");
            join(ours.send(m));
            assertTrue(sub.waitFor(30, TimeUnit.SECONDS), "mosquitto_sub received one message");
            String line;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sub.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            assertTrue(line != null && line.contains("origin:ours") && line.endsWith("hi"), "mosquitto_sub printed "
                    + line);
            join(ours.publish(toThem, new byte[0], 1, true));
        } finally {
            sub.destroy();
        }
    }
}
