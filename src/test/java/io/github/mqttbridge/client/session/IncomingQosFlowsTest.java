package io.github.mqttbridge.client.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttPersistence;
import io.github.mqttbridge.client.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.codec.packet.PublishPacket;
import io.github.mqttbridge.client.persistence.SessionStore;
import io.github.mqttbridge.client.session.IncomingQosFlows.Verdict;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncomingQosFlowsTest {
    private final SessionStore store = openStore();
    private final IncomingQosFlows flows = new IncomingQosFlows(store);

    private static SessionStore openStore() {
        try {
            return MqttPersistence.memory().open("test");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PublishPacket publish(int qos, int id, boolean dup) {
        return new PublishPacket("t", new byte[0], qos, false, dup, id);
    }

    @Test
    void acks_leave_in_arrival_order_whatever_order_the_application_acks_in() {
        var first = flows.expectAck(publish(1, 10, false));
        var second = flows.expectAck(publish(2, 11, false));
        var third = flows.expectAck(publish(1, 12, false));
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 11, false)));
        assertTrue(flows.ack(third).isEmpty(), "must wait for the earlier messages [MQTT-4.6.0-2]");
        assertTrue(flows.ack(second).isEmpty());
        assertEquals(List.of(new PubAckPacket(10), new PubRecPacket(11), new PubAckPacket(12)), flows.ack(first));
    }

    @Test
    void qos2_is_delivered_once_per_packet_id_until_pubrel() throws Exception {
        PublishPacket p = publish(2, 7, false);
        assertEquals(Verdict.DELIVER, flows.onPublish(p));
        var ack = flows.expectAck(p);
        assertEquals(Verdict.IGNORE, flows.onPublish(publish(2, 7, true)), "not acked yet: ignore the resend");
        flows.ack(ack);
        assertEquals(Verdict.REPEAT_PUBREC, flows.onPublish(publish(2, 7, true)), "acked: answer PUBREC again");
        assertEquals(new PubCompPacket(7), flows.onPubRel(7));
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 7, false)), "released: the id is a new message");
    }

    @Test
    void pubrel_before_pubrec_was_sent_breaks_the_flow() {
        PublishPacket p = publish(2, 5, false);
        flows.onPublish(p);
        flows.expectAck(p);
        assertThrows(ProtocolViolationException.class, () -> flows.onPubRel(5));
    }

    @Test
    void repeated_pubrel_is_answered_with_pubcomp() throws Exception {
        assertEquals(new PubCompPacket(99), flows.onPubRel(99), "[MQTT-4.3.3-1]: always answer PUBREL");
    }

    @Test
    void acks_owed_on_a_lost_connection_are_void_and_unacked_qos2_is_delivered_again() {
        PublishPacket p = publish(2, 3, false);
        flows.onPublish(p);
        var stale = flows.expectAck(p);
        flows.onNewConnection();
        assertTrue(flows.ack(stale).isEmpty(), "an ack for the old connection must not be sent on the new one");
        assertEquals(Verdict.DELIVER, flows.onPublish(publish(2, 3, true)),
                "the application never acknowledged it, so the resend is delivered");
    }

    @Test
    void pubrec_sent_state_survives_a_restart_through_the_store() {
        PublishPacket p = publish(2, 42, false);
        flows.onPublish(p);
        flows.ack(flows.expectAck(p));
        IncomingQosFlows restarted = new IncomingQosFlows(store);
        assertEquals(Verdict.REPEAT_PUBREC, restarted.onPublish(publish(2, 42, true)),
                "a restarted client must not deliver a QoS 2 message twice");
    }
}
