package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.session.IncomingQosFlows;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.session.Session;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's publishes to us: each goes to the application on the callback thread, and its acknowledgement
 * (PUBACK, PUBREC) leaves when the application is done with it; a QoS 2 release (PUBCOMP) leaves at once, or once
 * the application's receipt keeper has forgotten the id. Runs on the reader thread; session state is touched under
 * the engine's lock, the application's code never is.
 */
final class InboundMessages<M> {
    private final Object lock;
    private final Session<Delivery<M>, ?> session;
    private final ConnectionLifecycle lifecycle;
    private final ClientExecutors executors;
    private final EngineCallbacks<M> callbacks;
    private final Supplier<EngineOptions> options;

    InboundMessages(Object lock, Session<Delivery<M>, ?> session, ConnectionLifecycle lifecycle,
                    ClientExecutors executors, EngineCallbacks<M> callbacks, Supplier<EngineOptions> options) {
        this.lock = lock;
        this.session = session;
        this.lifecycle = lifecycle;
        this.executors = executors;
        this.callbacks = callbacks;
        this.options = options;
    }

    void onPublish(Connection c, PublishPacket publish) throws InterruptedException {
        Session.Arrival arrival;
        boolean manual;
        synchronized (lock) {
            manual = options.get().flow().manualAcks();
            arrival = session.onPublish(publish);
            if (arrival.reply() != null) {
                c.send(arrival.reply());
            }
        }
        if (!arrival.deliver()) {
            return;
        }
        IncomingQosFlows.PendingAck owed = arrival.ack();
        Runnable acknowledge = owed == null ? null : () -> sendLocked(() -> session.acknowledge(owed));
        try {
            executors.callbacks.deliver(() -> {
                try {
                    callbacks.messageArrived(publish, manual ? acknowledge : null);
                } finally {
                    if (!manual && acknowledge != null) {
                        acknowledge.run();
                    }
                }
            }, publish.payload().length);
        } catch (InterruptedException connectionEnded) {
            if (owed != null) {
                sendLocked(() -> session.undelivered(owed));
            }
            throw connectionEnded;
        }
    }

    /** The keeper hears of a release outside the lock: it is the application's code. */
    void onPubRel(Connection c, PubRelPacket rel) throws ProtocolViolationException {
        IncomingQosFlows.Release release;
        synchronized (lock) {
            release = session.onPubRel(rel);
            if (release.reply() != null) {
                c.send(release.reply());
            }
        }
        if (release.toKeeper()) {
            int id = rel.packetId();
            options.get().flow().receiptKeeper().released(id, () -> sendLocked(() -> session.forgotten(id)));
        }
    }

    /** Sends, on the current connection if there is one, the packets a session step asks for. */
    private void sendLocked(Supplier<List<MqttPacket>> step) {
        synchronized (lock) {
            List<MqttPacket> packets = step.get();
            Connection c = lifecycle.current();
            if (c != null) {
                packets.forEach(c::send);
            }
        }
    }
}
