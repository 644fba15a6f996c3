package io.github.mqttbridge.client.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.persistence.MemoryPersistence;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import io.github.mqttbridge.client.internal.session.IncomingQosFlows.Verdict;
import io.github.mqttbridge.testing.CapturedLog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncomingQosFlowsTest {
    private final SessionStore store = new MemoryPersistence().open("test");
    private final IncomingQosFlows flows = new IncomingQosFlows(store);

    private static PublishPacket publish(int qos, int id, boolean dup) {
        return new PublishPacket("t", new byte[0], qos, false, dup, id);
    }

    @Test
    void acks_leave_in_arrival_order_whatever_order_the_application_acks_in() throws Exception {
        var first = flows.expectAck(publish(1, 10, false));
        var second = flows.expectAck(publish(2, 11, false));
        var third = flows.expectAck(publish(1, 12, false));
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 11, false)));
        assertTrue(flows.ack(third).isEmpty(), "must wait for the earlier messages [MQTT-4.6.0-2]");
        assertTrue(flows.ack(second).isEmpty());
        assertEquals(List.of(new PubAckPacket(10), new PubRecPacket(11), new PubAckPacket(12)), flows.ack(first));
    }

    @Test
    void the_count_other_threads_see_follows_the_acknowledgements_owed() {
        var first = flows.expectAck(publish(1, 10, false));
        var second = flows.expectAck(publish(1, 11, false));
        flows.expectAck(publish(2, 12, false));
        assertEquals(3, flows.pendingAcksSeen());
        flows.ack(second);
        assertEquals(3, flows.pendingAcksSeen(), "owed until every earlier one is acknowledged too");
        flows.ack(first);
        assertEquals(1, flows.pendingAcksSeen());
        flows.onNewConnection();
        assertEquals(1, flows.pendingAcksSeen(), "a QoS 2 PUBREC stays owed across connections");
        flows.clear();
        assertEquals(0, flows.pendingAcksSeen());
    }

    @Test
    void qos2_is_delivered_once_per_packet_id_until_pubrel() throws Exception {
        PublishPacket p = publish(2, 7, false);
        assertEquals(Verdict.DELIVER, flows.onPublish(p));
        var ack = flows.expectAck(p);
        assertEquals(Verdict.IGNORE, flows.onPublish(publish(2, 7, true)), "not acked yet: ignore the resend");
        flows.ack(ack);
        assertEquals(Verdict.REPEAT_PUBREC, flows.onPublish(publish(2, 7, true)), "acked: answer PUBREC again");
        assertEquals(new PubCompPacket(7), flows.onPubRel(7).reply());
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 7, false)), "released: the id is a new message");
    }

    @Test
    void a_held_qos2_id_arriving_without_dup_is_a_new_message_from_a_server_that_lost_its_state() throws Exception {
        PublishPacket old = publish(2, 9, false);
        flows.onPublish(old);
        flows.ack(flows.expectAck(old));
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 9, false)),
                "a broker restored from an older save reuses ids; swallowing the message would lose it");
        assertEquals(Verdict.IGNORE, flows.onPublish(publish(2, 9, true)), "its resend is a duplicate again");
    }

    @Test
    void a_message_whose_hand_over_was_abandoned_is_delivered_when_the_server_resends_it() throws Exception {
        PublishPacket first = publish(1, 1, false);
        PublishPacket lost = publish(2, 2, false);
        var firstAck = flows.expectAck(first);
        flows.onPublish(lost);
        var lostAck = flows.expectAck(lost);
        flows.ack(firstAck);
        PublishPacket third = publish(1, 3, false);
        var thirdAck = flows.expectAck(third);
        assertTrue(flows.ack(thirdAck).isEmpty(), "waits behind the message being handed over");
        assertEquals(List.of(new PubAckPacket(3)), flows.undelivered(lostAck),
                "the acks queued behind an abandoned message go out");
        flows.onNewConnection();
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 2, true)),
                "the application never had it, so the resend must reach it");
    }

    @Test
    void pubrel_before_pubrec_was_sent_breaks_the_flow() throws Exception {
        PublishPacket p = publish(2, 5, false);
        flows.onPublish(p);
        flows.expectAck(p);
        assertThrows(ProtocolViolationException.class, () -> flows.onPubRel(5));
    }

    @Test
    void repeated_pubrel_is_answered_with_pubcomp() throws Exception {
        assertEquals(new PubCompPacket(99), flows.onPubRel(99).reply(), "[MQTT-4.3.3-1]: always answer PUBREL");
    }

    @Test
    void a_qos1_ack_owed_on_a_lost_connection_is_void() throws Exception {
        var stale = flows.expectAck(publish(1, 3, false));
        flows.onNewConnection();
        assertTrue(flows.ack(stale).isEmpty(), "the server resends it; only the new copy's ack may go out");
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(1, 3, true)), "QoS 1 resends are delivered");
    }

    @Test
    void a_qos2_pubrec_owed_on_a_lost_connection_goes_out_on_the_next_and_the_resend_is_not_delivered() throws Exception {
        PublishPacket p = publish(2, 3, false);
        flows.onPublish(p);
        var owed = flows.expectAck(p);
        flows.onNewConnection();
        assertEquals(Verdict.IGNORE, flows.onPublish(publish(2, 3, true)),
                "the application still holds the first copy: delivering the resend would duplicate it");
        assertEquals(List.of(new PubRecPacket(3)), flows.ack(owed));
    }

    @Test
    void a_clean_session_forgets_qos2_state() throws Exception {
        PublishPacket p = publish(2, 4, false);
        flows.onPublish(p);
        var owed = flows.expectAck(p);
        flows.onNewConnection();
        flows.clear();
        assertTrue(flows.ack(owed).isEmpty(), "the server forgot the message; no PUBREC for it");
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 4, false)));
    }

    @Test
    void pubrec_sent_state_survives_a_restart_through_the_store() throws Exception {
        PublishPacket p = publish(2, 42, false);
        flows.onPublish(p);
        flows.ack(flows.expectAck(p));
        IncomingQosFlows restarted = new IncomingQosFlows(store);
        assertEquals(Verdict.REPEAT_PUBREC, restarted.onPublish(publish(2, 42, true)),
                "a restarted client must not deliver a QoS 2 message twice");
    }

    @Test
    void a_server_beyond_our_receive_maximum_is_warned_about_once_per_connection_and_still_delivers()
            throws Exception {
        flows.limitTo(2);
        try (CapturedLog log = CapturedLog.install()) {
            IncomingQosFlows.PendingAck first = deliver(publish(1, 1, false));
            deliver(publish(2, 2, false));
            deliver(publish(1, 3, false));
            deliver(publish(1, 4, false));
            assertEquals(1, occurrences(log.text(), "more than our receive maximum of 2"), "said once");

            assertEquals(List.of(new PubAckPacket(1)), flows.ack(first));
            flows.onNewConnection();
            deliver(publish(1, 5, false));
            deliver(publish(1, 6, false));
            assertEquals(1, occurrences(log.text(), "more than our receive maximum of 2"),
                    "each connection starts with the full receive maximum (MQTT 5 section 4.9)");
            deliver(publish(1, 7, false));
            assertEquals(2, occurrences(log.text(), "more than our receive maximum of 2"), "said again on this one");
        }
    }

    /** The application's side: the ids it says it holds, and what the session told it. */
    private static final class Keeper implements ReceiptKeeper {
        private final Set<Integer> held;
        int sessionsLost;

        Keeper(Integer... held) {
            this.held = Set.of(held);
        }

        @Override
        public Set<Integer> held() {
            return held;
        }

        @Override
        public void released(int packetId, Runnable forgotten) {
            throw new AssertionError("the engine tells the keeper of a release, outside the session lock");
        }

        @Override
        public void sessionLost() {
            sessionsLost++;
        }
    }

    @Test
    void an_id_the_keeper_holds_is_acknowledged_again_and_not_delivered() throws Exception {
        IncomingQosFlows resumed = new IncomingQosFlows(store, new Keeper(5, 6));
        assertEquals(Verdict.REPEAT_PUBREC, resumed.onPublish(publish(2, 5, true)),
                "its record is in Kafka already: a second delivery would duplicate it");
        assertEquals(Verdict.DELIVER, resumed.onPublish(publish(2, 7, true)), "an id not held is a message to take");
    }

    @Test
    void with_a_keeper_pubcomp_waits_until_the_keeper_forgot_the_id() throws Exception {
        IncomingQosFlows resumed = new IncomingQosFlows(store, new Keeper(5));
        assertEquals(new IncomingQosFlows.Release(null, true), resumed.onPubRel(5), "the keeper is told, no PUBCOMP");
        assertEquals(new IncomingQosFlows.Release(null, false), resumed.onPubRel(5),
                "a repeated PUBREL is not answered early either: the server could reuse the id too soon");
        assertEquals(new PubCompPacket(5), resumed.forgotten(5));
        assertNull(resumed.forgotten(5), "one PUBCOMP per release");
        assertEquals(new IncomingQosFlows.Release(new PubCompPacket(5), false), resumed.onPubRel(5),
                "after PUBCOMP, a PUBREL repeated because ours was lost is answered at once [MQTT-4.3.3-1]");
    }

    @Test
    void a_pubrel_for_an_id_not_held_is_answered_at_once_without_the_keeper() throws Exception {
        IncomingQosFlows resumed = new IncomingQosFlows(store, new Keeper());
        assertEquals(new IncomingQosFlows.Release(new PubCompPacket(8), false), resumed.onPubRel(8));
    }

    @Test
    void a_lost_session_tells_the_keeper_and_voids_the_releases_in_progress() throws Exception {
        Keeper keeper = new Keeper(5);
        IncomingQosFlows resumed = new IncomingQosFlows(store, keeper);
        resumed.onPubRel(5);
        resumed.clear();
        assertEquals(1, keeper.sessionsLost);
        assertNull(resumed.forgotten(5), "the new session has no flow 5 to complete");
    }

    @Test
    void a_new_publish_on_an_id_being_released_is_a_server_that_lost_its_state() throws Exception {
        IncomingQosFlows resumed = new IncomingQosFlows(store, new Keeper(5));
        resumed.onPubRel(5);
        assertEquals(Verdict.DELIVER, resumed.onPublish(publish(2, 5, false)));
        assertNull(resumed.forgotten(5), "no PUBCOMP for the new message's flow");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private IncomingQosFlows.PendingAck deliver(PublishPacket p) throws ProtocolViolationException {
        assertEquals(IncomingQosFlows.Verdict.DELIVER, flows.onPublish(p));
        return flows.expectAck(p);
    }
}
