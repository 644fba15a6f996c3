package io.github.mqttbridge.client.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.persistence.MemoryPersistence;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session, event by event, without a socket: each case is a resume or flow the fault tests exercise. */
class SessionTest {
    private final MemoryPersistence persistence = new MemoryPersistence();
    private Session<String, String> session = open(2);

    private Session<String, String> open(int window) {
        return new Session<>(store(), window, window, stored -> "restored " + stored.topic());
    }

    private SessionStore store() {
        return persistence.open("session-test");
    }

    private Session.Resumption<String, String> connect(boolean sessionPresent) {
        return session.connected(sessionPresent, filter -> "renew " + filter);
    }

    private static PublishPacket inbound(int qos, int id) {
        return new PublishPacket("in/" + id, new byte[] {1}, qos, false, false, id);
    }

    /** A server's resend, which has DUP set [MQTT-3.3.1-1]. */
    private static PublishPacket resend(int qos, int id) {
        return inbound(qos, id).asDuplicate();
    }

    @Test
    void a_publish_made_offline_waits_and_goes_out_on_the_first_connection() throws Exception {
        assertNull(session.publish("t/a", new byte[] {1}, 1, false, MqttProperties.EMPTY, "a"));
        assertNull(session.publishQos0("t/b", new byte[] {2}, false, MqttProperties.EMPTY, "b"));
        assertEquals(2, session.waitingCount());
        Session.Resumption<String, String> resumption = connect(false);
        assertEquals(1, resumption.packets().size());
        PublishPacket sent = (PublishPacket) resumption.packets().get(0);
        assertEquals("t/a", sent.topic());
        assertFalse(sent.dup(), "never sent before, so not a duplicate");
        assertEquals(List.of("b"), resumption.qos0().stream().map(Session.Qos0::handle).toList());
        assertEquals(0, session.waitingCount());
    }

    @Test
    void online_publishes_fill_the_window_and_each_ack_lets_the_next_one_in() throws Exception {
        connect(false);
        PublishPacket a = session.publish("t/a", new byte[0], 1, false, MqttProperties.EMPTY, "a");
        PublishPacket b = session.publish("t/b", new byte[0], 2, false, MqttProperties.EMPTY, "b");
        assertNull(session.publish("t/c", new byte[0], 1, false, MqttProperties.EMPTY, "c"), "a window of 2 is full");
        Session.Completed<String> done = session.onPubAck(new PubAckPacket(a.packetId()));
        assertEquals("a", done.handle());
        assertEquals(List.of("t/c"), done.next().stream().map(PublishPacket::topic).toList());
        assertEquals(new PubRelPacket(b.packetId()), session.onPubRec(new PubRecPacket(b.packetId())));
        assertEquals("b", session.onPubComp(new PubCompPacket(b.packetId())).handle());
    }

    @Test
    void an_unacknowledged_publish_goes_out_again_with_dup_when_the_session_resumes() throws Exception {
        connect(false);
        PublishPacket a = session.publish("t/a", new byte[0], 1, false, MqttProperties.EMPTY, "a");
        session.connectionLost();
        assertFalse(session.online());
        List<MqttPacket> again = connect(true).packets();
        assertEquals(List.of(a.asDuplicate()), again);
    }

    @Test
    void a_released_qos2_publish_resumes_with_pubrel_when_the_server_kept_the_session() throws Exception {
        connect(false);
        PublishPacket a = session.publish("t/a", new byte[0], 2, false, MqttProperties.EMPTY, "a");
        session.onPubRec(new PubRecPacket(a.packetId()));
        session.connectionLost();
        assertEquals(List.of(new PubRelPacket(a.packetId())), connect(true).packets());
    }

    @Test
    void a_released_qos2_publish_is_published_again_when_the_server_lost_the_session() throws Exception {
        connect(false);
        PublishPacket a = session.publish("t/a", new byte[0], 2, false, MqttProperties.EMPTY, "a");
        session.onPubRec(new PubRecPacket(a.packetId()));
        session.connectionLost();
        // A PUBREL would be answered with PUBCOMP by a server without the message: published again instead.
        assertEquals(List.of(a.asDuplicate()), connect(false).packets());
    }

    @Test
    void publishes_left_in_the_store_by_an_earlier_client_are_resent_by_the_next() throws Exception {
        connect(false);
        session.publish("t/a", new byte[0], 1, false, MqttProperties.EMPTY, "a");
        session.publish("t/b", new byte[0], 1, false, MqttProperties.EMPTY, "b");
        session.publish("t/c", new byte[0], 1, false, MqttProperties.EMPTY, "c");
        session = open(2);
        List<MqttPacket> resent = connect(true).packets();
        assertEquals(List.of("t/a", "t/b"), resent.stream().map(p -> ((PublishPacket) p).topic()).toList());
        assertTrue(resent.stream().allMatch(p -> ((PublishPacket) p).dup()));
        assertEquals(1, session.waitingCount(), "t/c never had a packet id and still waits for the window");
    }

    @Test
    void subscriptions_are_renewed_only_when_a_server_that_had_them_forgot_them() throws Exception {
        assertTrue(connect(false).renewals().isEmpty(), "first connection: nothing to renew");
        SubscribePacket kept = session.subscribe(new SubscribePacket.Subscription("a/#", 1), 0, "kept");
        session.onSubAck(new SubAckPacket(kept.packetId(), List.of(1)));
        SubscribePacket refused = session.subscribe(new SubscribePacket.Subscription("b/#", 1), 0, "refused");
        assertTrue(session.onSubAck(new SubAckPacket(refused.packetId(), List.of(SubAckPacket.FAILURE))).refused());
        SubscribePacket dropped = session.subscribe(new SubscribePacket.Subscription("c/#", 2), 0, "dropped");
        session.onSubAck(new SubAckPacket(dropped.packetId(), List.of(2)));
        session.onUnsubAck(new UnsubAckPacket(session.unsubscribe("c/#", "unsubscribe").packetId()));

        session.connectionLost();
        assertTrue(connect(true).renewals().isEmpty(), "the server kept the session and its subscriptions");
        session.connectionLost();
        List<Session.Renewal<String>> renewals = connect(false).renewals();
        assertEquals(1, renewals.size());
        assertEquals("a/#", renewals.get(0).filter());
        assertEquals("renew a/#", renewals.get(0).handle());
        assertEquals(List.of(new SubscribePacket.Subscription("a/#", 1)), renewals.get(0).packet().subscriptions());
    }

    @Test
    void requests_of_a_lost_connection_are_handed_back_and_their_ids_freed() throws Exception {
        connect(false);
        SubscribePacket s = session.subscribe(new SubscribePacket.Subscription("a", 0), 0, "s");
        assertEquals(List.of("s"), session.connectionLost().stream().map(Session.Request::handle).toList());
        assertThrows(ProtocolViolationException.class, () -> session.onSubAck(new SubAckPacket(s.packetId(),
                List.of(0))), "a SUBACK for a request of an earlier connection");
    }

    @Test
    void a_suback_with_the_wrong_number_of_codes_is_a_violation_that_leaves_the_request_to_fail() throws Exception {
        connect(false);
        SubscribePacket s = session.subscribe(new SubscribePacket.Subscription("a", 0), 0, "s");
        assertThrows(ProtocolViolationException.class,
                () -> session.onSubAck(new SubAckPacket(s.packetId(), List.of(0, 0))));
        assertEquals("s", session.timedOut(s.packetId()).handle());
        assertNull(session.timedOut(s.packetId()), "taken once");
    }

    @Test
    void an_inbound_qos2_message_is_delivered_once_and_its_id_is_free_after_pubrel() throws Exception {
        connect(false);
        Session.Arrival first = session.onPublish(inbound(2, 7));
        assertTrue(first.deliver());
        assertFalse(session.onPublish(resend(2, 7)).deliver(), "a resend before the ack is ignored");
        assertEquals(List.of(new PubRecPacket(7)), session.acknowledge(first.ack()));
        Session.Arrival resent = session.onPublish(resend(2, 7));
        assertFalse(resent.deliver());
        assertEquals(new PubRecPacket(7), resent.reply(), "a resend after PUBREC is answered again");
        assertEquals(new PubCompPacket(7), session.onPubRel(new PubRelPacket(7)).reply());
        assertTrue(session.onPublish(inbound(2, 7)).deliver(), "after PUBREL the id means a new message");
    }

    @Test
    void a_qos2_ack_owed_across_a_reconnect_goes_out_on_the_new_connection_but_a_qos1_ack_does_not() throws Exception {
        connect(false);
        Session.Arrival q2 = session.onPublish(inbound(2, 1));
        Session.Arrival q1 = session.onPublish(inbound(1, 2));
        session.connectionLost();
        assertTrue(session.acknowledge(q1.ack()).isEmpty(), "offline: nothing to send");
        connect(true);
        assertEquals(List.of(new PubRecPacket(1)), session.acknowledge(q2.ack()));
        assertFalse(session.onPublish(resend(2, 1)).deliver(), "the server's resend is not delivered again");
        assertTrue(session.onPublish(resend(1, 2)).deliver(), "a QoS 1 resend is delivered again: at least once");
    }

    @Test
    void a_closing_session_hands_back_every_publish_and_request_still_open() throws Exception {
        connect(false);
        session.publish("t/a", new byte[0], 1, false, MqttProperties.EMPTY, "a");
        session.subscribe(new SubscribePacket.Subscription("x", 0), 0, "s");
        session.connectionLost();
        session.publishQos0("t/b", new byte[0], false, MqttProperties.EMPTY, "b");
        Session.Abandoned<String, String> abandoned = session.abandon();
        assertEquals(List.of("a", "b"), abandoned.publishes());
        assertTrue(abandoned.requests().isEmpty(), "the lost connection handed its request back already");
        session.closeStore();
        session = open(2);
        assertEquals(1, connect(true).packets().size(), "the store still holds what was abandoned");
    }

    @Test
    void offline_publishes_past_their_mqtt5_expiry_are_dropped_and_the_rest_carry_what_is_left_of_it()
            throws Exception {
        long[] now = {0};
        Session<String, String> timed = new Session<>(store(), 10, 10, stored -> "restored", () -> now[0]);
        MqttProperties tenSeconds = expiry(10);
        MqttProperties aMinute = expiry(60);
        timed.publish("t/short", new byte[] {1}, 1, false, tenSeconds, "short");
        timed.publish("t/long", new byte[] {2}, 2, false, aMinute, "long");
        timed.publishQos0("t/q0-short", new byte[] {3}, false, tenSeconds, "q0-short");
        timed.publishQos0("t/q0-long", new byte[] {4}, false, aMinute, "q0-long");
        timed.publish("t/forever", new byte[] {5}, 1, false, MqttProperties.EMPTY, "forever");

        now[0] = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        Session.Resumption<String, String> resumption = timed.connected(false, filter -> "renew");

        List<PublishPacket> sent = resumption.packets().stream().map(PublishPacket.class::cast).toList();
        assertEquals(List.of("t/long", "t/forever"), sent.stream().map(PublishPacket::topic).toList());
        assertEquals(45L, sent.get(0).properties().messageExpiryInterval(), "60 s less the 15 s it waited");
        assertNull(sent.get(1).properties().messageExpiryInterval());
        assertEquals(List.of("t/q0-long"), resumption.qos0().stream().map(q -> q.packet().topic()).toList());
        assertEquals(45L, resumption.qos0().get(0).packet().properties().messageExpiryInterval());
        assertEquals(List.of("q0-short", "short"), timed.drainExpired().stream()
                .map(OutgoingQosFlows.Expired::handle).toList());
        assertEquals(List.of(), timed.drainExpired(), "each expired publish is reported once");
        assertEquals(2, store().load().outbound().size(), "the store no longer holds the expired QoS 1 publish");
    }

    private static MqttProperties expiry(long seconds) {
        return MqttProperties.builder().add(MqttProperty.MESSAGE_EXPIRY_INTERVAL, seconds).build();
    }
}
