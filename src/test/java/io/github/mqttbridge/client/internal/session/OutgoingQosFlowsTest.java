package io.github.mqttbridge.client.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.persistence.MemoryPersistence;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingQosFlowsTest {
    private final SessionStore store = new MemoryPersistence().open("test");
    private final OutgoingQosFlows<String> flows = new OutgoingQosFlows<>(new PacketIdPool(), store, 2, 2, System::nanoTime);

    private PublishPacket submit(String name, int qos) {
        return flows.submit("t/" + name, name.getBytes(), qos, false, MqttProperties.EMPTY, name, true);
    }

    @Test
    void window_full_makes_publishes_wait_in_order_instead_of_failing() {
        PublishPacket a = submit("a", 1);
        PublishPacket b = submit("b", 1);
        assertNotNull(a);
        assertNotNull(b);
        assertNull(submit("c", 1), "third publish must wait for the window of 2");
        assertNull(submit("d", 1));
        assertEquals(2, flows.waitingCount());
        assertTrue(flows.fillWindow().isEmpty(), "nothing fits while the window is full");
    }

    @Test
    void the_count_other_threads_see_follows_the_window() throws Exception {
        PublishPacket a = submit("a", 1);
        submit("b", 1);
        submit("c", 1);
        assertEquals(2, flows.inflightSeen(), "the third waits outside the window of 2");
        flows.onPubAck(a.packetId());
        assertEquals(1, flows.inflightSeen());
        flows.fillWindow();
        assertEquals(2, flows.inflightSeen());
        flows.abandon();
        assertEquals(0, flows.inflightSeen());
    }

    @Test
    void qos2_publishes_beyond_their_own_limit_wait_and_keep_the_publishes_behind_them_in_order() throws Exception {
        OutgoingQosFlows<String> narrow = new OutgoingQosFlows<>(new PacketIdPool(), store, 3, 1, System::nanoTime);
        PublishPacket a = narrow.submit("t/a", new byte[0], 2, false, MqttProperties.EMPTY, "a", true);
        assertNotNull(a);
        assertNotNull(narrow.submit("t/b", new byte[0], 1, false, MqttProperties.EMPTY, "b", true), "QoS 1 fits beside one QoS 2");
        assertNull(narrow.submit("t/c", new byte[0], 2, false, MqttProperties.EMPTY, "c", true), "a second QoS 2 waits for a's slot");
        assertNull(narrow.submit("t/d", new byte[0], 1, false, MqttProperties.EMPTY, "d", true), "and d waits behind c, in order");
        assertTrue(narrow.fillWindow().isEmpty());

        narrow.onPubRec(a.packetId());
        assertTrue(narrow.fillWindow().isEmpty(), "a released QoS 2 publish still holds its slot");
        narrow.onPubComp(a.packetId());
        assertEquals(List.of("t/c", "t/d"), narrow.fillWindow().stream().map(PublishPacket::topic).toList());
        assertEquals(3, narrow.inflightCount());
    }

    @Test
    void a_server_that_states_its_receive_maximum_sets_the_qos2_window_too() throws Exception {
        OutgoingQosFlows<String> flows5 = new OutgoingQosFlows<>(new PacketIdPool(), store, 3, 1, System::nanoTime);
        flows5.limitTo(2, true);
        assertNotNull(flows5.submit("t/a", new byte[0], 2, false, MqttProperties.EMPTY, "a", true));
        assertNotNull(flows5.submit("t/b", new byte[0], 2, false, MqttProperties.EMPTY, "b", true),
                "the server's receive maximum of 2, not maxInflightQos2 of 1, bounds QoS 2 on MQTT 5");
        assertNull(flows5.submit("t/c", new byte[0], 1, false, MqttProperties.EMPTY, "c", true),
                "and never more than the server takes");
    }

    @Test
    void a_downgraded_qos2_publish_frees_its_qos2_slot_too() throws Exception {
        OutgoingQosFlows<String> narrow = new OutgoingQosFlows<>(new PacketIdPool(), store, 3, 1, System::nanoTime);
        PublishPacket a = narrow.submit("t/a", new byte[0], 2, false, MqttProperties.EMPTY, "a", true);
        assertNull(narrow.submit("t/b", new byte[0], 2, false, MqttProperties.EMPTY, "b", true));
        narrow.onPubAck(a.packetId());
        assertEquals(List.of("t/b"), narrow.fillWindow().stream().map(PublishPacket::topic).toList());
    }

    @Test
    void puback_frees_a_slot_for_the_next_waiting_publish() throws Exception {
        PublishPacket a = submit("a", 1);
        submit("b", 1);
        submit("c", 1);
        assertEquals("a", flows.onPubAck(a.packetId()).handle());
        List<PublishPacket> next = flows.fillWindow();
        assertEquals(1, next.size());
        assertEquals("t/c", next.get(0).topic());
        assertFalse(next.get(0).dup(), "a first send never has DUP set");
    }

    @Test
    void qos2_flow_goes_publish_pubrec_pubrel_pubcomp() throws Exception {
        PublishPacket p = submit("a", 2);
        PubRelPacket rel = flows.onPubRec(p.packetId());
        assertEquals(p.packetId(), rel.packetId());
        assertEquals("a", flows.onPubComp(p.packetId()).handle());
        assertEquals(0, flows.inflightCount());
    }

    @Test
    void acks_for_unknown_or_wrong_flows_are_protocol_violations() throws Exception {
        PublishPacket q1 = submit("a", 1);
        PublishPacket q2 = submit("b", 2);
        assertThrows(ProtocolViolationException.class, () -> flows.onPubAck(999));
        assertThrows(ProtocolViolationException.class, () -> flows.onPubRec(q1.packetId()), "PUBREC for QoS 1");
        assertThrows(ProtocolViolationException.class, () -> flows.onPubComp(q2.packetId()), "PUBCOMP before PUBREC");
        flows.onPubRec(q2.packetId());
        assertThrows(ProtocolViolationException.class, () -> flows.onPubAck(q2.packetId()), "PUBACK after PUBREC");
    }

    @Test
    void a_qos2_publish_answered_with_puback_completes_as_a_server_that_downgrades_to_qos1_means() throws Exception {
        PublishPacket q2 = submit("a", 2);
        OutgoingQosFlows.Flight<String> done = flows.onPubAck(q2.packetId());
        assertEquals("a", done.handle());
        assertEquals(2, done.qos(), "the caller learns it was a QoS 2 publish, to report the downgrade");
        assertEquals(0, flows.inflightCount());
    }

    @Test
    void resume_resends_in_original_order_with_dup_and_pubrel_for_released() throws Exception {
        PublishPacket a = submit("a", 2);
        PublishPacket b = submit("b", 1);
        submit("c", 1);
        flows.onPubRec(a.packetId());
        List<MqttPacket> resent = flows.resume(true);
        assertEquals(2, resent.size(), "the waiting publish does not fit the window yet");
        assertEquals(new PubRelPacket(a.packetId()), resent.get(0));
        PublishPacket again = assertInstanceOf(PublishPacket.class, resent.get(1));
        assertEquals(b.packetId(), again.packetId());
        assertTrue(again.dup(), "a resent PUBLISH must have DUP set [MQTT-3.3.1-1]");
    }

    @Test
    void without_a_session_on_the_server_a_released_qos2_message_is_published_again() throws Exception {
        PublishPacket a = submit("a", 2);
        flows.onPubRec(a.packetId());

        List<MqttPacket> resent = flows.resume(false);

        PublishPacket again = assertInstanceOf(PublishPacket.class, resent.get(0),
                "a PUBREL would be answered with PUBCOMP by a server that forgot the message, losing it");
        assertEquals("t/a", again.topic());
        assertTrue(again.dup());
        assertEquals(new PubRelPacket(a.packetId()), flows.onPubRec(a.packetId()));
        assertEquals("a", flows.onPubComp(a.packetId()).handle());
    }

    @Test
    void publishes_accepted_offline_wait_for_the_next_connection() {
        assertNull(flows.submit("t", new byte[0], 1, false, MqttProperties.EMPTY, "x", false));
        assertEquals(1, flows.waitingCount());
        List<MqttPacket> resumed = flows.resume(true);
        PublishPacket p = assertInstanceOf(PublishPacket.class, resumed.get(0));
        assertFalse(p.dup(), "never sent before, so not a duplicate");
    }

    @Test
    void restore_takes_back_unacknowledged_messages_from_the_store() throws Exception {
        PublishPacket a = submit("a", 1);
        PublishPacket b = submit("b", 2);
        submit("c", 1);
        flows.onPubRec(b.packetId());
        submit("d", 2);
        flows.onPubAck(a.packetId());
        PublishPacket e = submit("e", 1);
        assertNull(e, "the window slot freed by a is not taken before fillWindow");

        OutgoingQosFlows<String> restarted = new OutgoingQosFlows<>(new PacketIdPool(), store, 2, 2, System::nanoTime);
        restarted.restore(store.load().outbound(), s -> s.topic());
        List<MqttPacket> resent = restarted.resume(true);
        assertEquals(List.of(new PubRelPacket(b.packetId())), resent.subList(0, 1));
        PublishPacket c = assertInstanceOf(PublishPacket.class, resent.get(1));
        assertEquals("t/c", c.topic());
        assertFalse(c.dup(), "c was waiting, never sent: its first send has no DUP");
        assertEquals(2, resent.size(), "d waits: the window of 2 holds b and c");
        assertEquals(2, restarted.waitingCount(), "d and e wait, in order");
        assertEquals("t/b", restarted.onPubComp(b.packetId()).handle());
    }
}
