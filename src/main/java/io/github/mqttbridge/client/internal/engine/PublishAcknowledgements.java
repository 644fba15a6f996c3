package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.QosAck;
import io.github.mqttbridge.client.internal.session.OutgoingQosFlows;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's answers to our QoS 1 and 2 publishes: each completes its publish's future, or fails it when an MQTT 5
 * PUBACK or PUBREC refused the message, and lets the publishes waiting for the window in. Runs on the reader thread;
 * session state is touched under the engine's lock, the application's callbacks and futures never are.
 */
final class PublishAcknowledgements<M> {
    private static final Logger log = LoggerFactory.getLogger(PublishAcknowledgements.class);
    /** MQTT 5 reason codes from 0x80 on are failures. */
    private static final int REFUSED = 0x80;

    private final Object lock;
    private final Session<Delivery<M>, ?> session;
    private final ConnectionLifecycle lifecycle;
    private final ClientExecutors executors;
    private final EngineCallbacks<M> callbacks;
    /** Valid for the connection: whether the server's QoS 2 downgrade was reported on it. */
    private boolean downgradeWarned;

    PublishAcknowledgements(Object lock, Session<Delivery<M>, ?> session, ConnectionLifecycle lifecycle,
                            ClientExecutors executors, EngineCallbacks<M> callbacks) {
        this.lock = lock;
        this.session = session;
        this.lifecycle = lifecycle;
        this.executors = executors;
        this.callbacks = callbacks;
    }

    /** Under the lock, on each accepted connection. */
    void newConnection() {
        downgradeWarned = false;
    }

    void onPubAck(PubAckPacket ack) throws ProtocolViolationException {
        completed(ack, () -> session.onPubAck(ack));
    }

    void onPubRec(Connection c, PubRecPacket rec) throws ProtocolViolationException {
        if (rec.reasonCode() >= REFUSED) {
            completed(rec, () -> session.onPubRecRefused(rec));
            return;
        }
        synchronized (lock) {
            c.send(session.onPubRec(rec));
        }
    }

    void onPubComp(PubCompPacket comp) throws ProtocolViolationException {
        completed(comp, () -> session.onPubComp(comp));
    }

    private interface Step<T> {
        T run() throws ProtocolViolationException;
    }

    /**
     * A publish's last acknowledgement: completes its future, or fails it when an MQTT 5 PUBACK or PUBREC refused
     * the message. A PUBCOMP's failure code (only 0x92, the server no longer knew the id) comes after the server
     * took the message, so it completes it.
     */
    private void completed(QosAck ack, Step<Session.Completed<Delivery<M>>> step) throws ProtocolViolationException {
        Session.Completed<Delivery<M>> completed;
        synchronized (lock) {
            completed = step.run();
            sendNext(completed);
        }
        Delivery<M> d = completed.handle();
        if (ack.reasonCode() >= REFUSED && !(ack instanceof PubCompPacket)) {
            EngineFailure refused = EngineFailure.publishRefused(((MqttPacket) ack).type(), completed.topic(),
                    ack.reasonCode(), ack.properties().reasonString());
            log.warn("{}", refused.detail());
            executors.settle(() -> d.future().completeExceptionally(refused));
        } else {
            delivered(d);
        }
    }

    /** Under the lock: sends the publishes that took a completed one's place in the window. */
    private void sendNext(Session.Completed<Delivery<M>> completed) {
        if (completed.downgraded() && !downgradeWarned) {
            downgradeWarned = true;
            log.warn("The server answered a QoS 2 publish to '{}' with PUBACK: it downgrades QoS 2 to QoS 1 (as"
                    + " RabbitMQ does), so what is published at QoS 2 arrives at least once, not exactly once",
                    completed.topic());
        }
        Connection c = lifecycle.current();
        if (c != null) {
            completed.next().forEach(c::send);
        }
        failExpired();
    }

    /** Under the lock: fails the publishes dropped unsent because their MQTT 5 message expiry passed. */
    void failExpired() {
        for (OutgoingQosFlows.Expired<Delivery<M>> e : session.drainExpired()) {
            EngineFailure expired = new EngineFailure(EngineFailure.Kind.MESSAGE_EXPIRED, "the message to '"
                    + e.topic() + "' was not sent: its message expiry interval of " + e.interval()
                    + " s passed while it waited");
            log.warn("{}", expired.detail());
            executors.settle(() -> e.handle().future().completeExceptionally(expired));
        }
    }

    /** Completes a publish the server took (QoS 0: once written) and tells the application if it asked. */
    void delivered(Delivery<M> d) {
        if (callbacks.wantsDelivered()) {
            executors.callbacks.execute(() -> callbacks.delivered(d.message()));
        }
        executors.settle(() -> d.future().complete(null));
    }
}
