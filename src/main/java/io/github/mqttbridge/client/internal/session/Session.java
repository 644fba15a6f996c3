package io.github.mqttbridge.client.internal.session;

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
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The client's side of one MQTT session: packet ids, the session store, both QoS flows, the requests awaiting an
 * answer, the subscriptions the client should hold and what waits for a connection. It answers each event (a
 * packet in, a publish or subscribe asked, a connection accepted with or without a session, a connection lost)
 * with the packets to send, and never touches a socket or a thread: the engine does that. Time, which MQTT 5
 * message expiry needs, comes only from the clock it is given, so tests set it.
 *
 * <p>Not thread-safe: the engine calls it only under its one lock.
 *
 * @param <D> what the caller attaches to a publish to learn of its completion
 * @param <R> what the caller attaches to a subscribe or unsubscribe
 */
public final class Session<D, R> {

    /** A QoS 0 publish, complete once written. */
    public record Qos0<D>(PublishPacket packet, D handle) {
    }

    /**
     * A SUBSCRIBE (qos 0-2, with its MQTT 5 options and subscription identifier, 0 for none) or UNSUBSCRIBE (qos
     * -1) awaiting its acknowledgement.
     */
    public record Request<R>(SubscribePacket.Subscription subscription, int identifier, R handle) {
        public String filter() {
            return subscription.filter();
        }

        public int qos() {
            return subscription.qos();
        }
    }

    /** A subscription the server forgot, made again. */
    public record Renewal<R>(SubscribePacket packet, String filter, R handle) {
    }

    /** The packets that resume the session on an accepted connection, in the order to send them. */
    public record Resumption<D, R>(List<MqttPacket> packets, List<Qos0<D>> qos0, List<Renewal<R>> renewals,
                                   int resent) {
    }

    /**
     * A publish the server acknowledged (or, on MQTT 5, refused), and the waiting ones that took its place in the
     * window. {@code downgraded} when the server answered a QoS 2 publish with PUBACK, as a server that takes QoS 2
     * as QoS 1 does.
     */
    public record Completed<D>(D handle, List<PublishPacket> next, String topic, boolean downgraded) {
    }

    /** What to do with an inbound PUBLISH: deliver it (and acknowledge later), or just answer {@code reply}. */
    public record Arrival(IncomingQosFlows.PendingAck ack, boolean deliver, MqttPacket reply) {
    }

    /** A SUBACK matched to its request. */
    public record Granted<R>(Request<R> request, int code) {
        /** 0x80 in MQTT 3.1.1; in MQTT 5 every reason code from 0x80 on. */
        public boolean refused() {
            return code >= SubAckPacket.FAILURE;
        }
    }

    /** What a closing session leaves unfinished; each caller is told. */
    public record Abandoned<D, R>(List<D> publishes, List<R> requests) {
    }

    // Valid for the session.
    private final PacketIdPool ids = new PacketIdPool();
    private final SessionStore store;
    private final OutgoingQosFlows<D> outgoing;
    private final IncomingQosFlows incoming;
    private final Map<String, Request<?>> subscriptions = new LinkedHashMap<>();
    /** A QoS 0 publish waiting for a connection, and when it was accepted, for its MQTT 5 message expiry. */
    private record Offline<D>(Qos0<D> publish, long acceptedNanos) {
    }

    private final ArrayDeque<Offline<D>> offlineQos0 = new ArrayDeque<>();
    private final List<OutgoingQosFlows.Expired<D>> expiredQos0 = new ArrayList<>();
    private final LongSupplier nanoClock;
    private boolean everConnected;

    // Valid for the connection.
    private final PendingRequests<Request<R>> requests = new PendingRequests<>(ids);
    private boolean online;

    /**
     * Opens the session on what the store holds: publishes an earlier client with this id left unacknowledged
     * are taken back with handles from {@code restored}, and go out on the first connection. At most
     * {@code maxInflight} publishes await acknowledgement at once, {@code maxInflightQos2} of them at QoS 2.
     */
    public Session(SessionStore store, int maxInflight, int maxInflightQos2,
                   Function<SessionStore.StoredPublish, D> restored) {
        this(store, maxInflight, maxInflightQos2, restored, null, System::nanoTime);
    }

    /** As above, with the inbound QoS 2 receipts kept by {@code keeper} (null: by the store). */
    public Session(SessionStore store, int maxInflight, int maxInflightQos2,
                   Function<SessionStore.StoredPublish, D> restored, ReceiptKeeper keeper) {
        this(store, maxInflight, maxInflightQos2, restored, keeper, System::nanoTime);
    }

    /** With the clock that times how long a publish waited, for its MQTT 5 message expiry. */
    public Session(SessionStore store, int maxInflight, int maxInflightQos2,
                   Function<SessionStore.StoredPublish, D> restored, LongSupplier nanoClock) {
        this(store, maxInflight, maxInflightQos2, restored, null, nanoClock);
    }

    private Session(SessionStore store, int maxInflight, int maxInflightQos2,
                    Function<SessionStore.StoredPublish, D> restored, ReceiptKeeper keeper, LongSupplier nanoClock) {
        this.store = store;
        this.nanoClock = nanoClock;
        this.outgoing = new OutgoingQosFlows<>(ids, store, maxInflight, maxInflightQos2, nanoClock);
        this.incoming = new IncomingQosFlows(store, keeper);
        outgoing.restore(store.load().outbound(), restored);
    }

    // ---- Connections

    /**
     * A CONNACK accepted us. Without a session on the server ({@code sessionPresent} false) the QoS 2 state it
     * held for us is gone, and so are our subscriptions: those are made again, once the client had any, each
     * with a handle from {@code renewal}.
     */
    public Resumption<D, R> connected(boolean sessionPresent, Function<String, R> renewal) {
        boolean renew = !sessionPresent && everConnected && !subscriptions.isEmpty();
        everConnected = true;
        online = true;
        incoming.onNewConnection();
        if (!sessionPresent) {
            incoming.clear();
        }
        int resent = outgoing.inflightCount();
        List<MqttPacket> packets = outgoing.resume(sessionPresent);
        List<Qos0<D>> qos0 = sendableOfflineQos0();
        List<Renewal<R>> renewals = new ArrayList<>();
        if (renew) {
            subscriptions.forEach((filter, held) -> {
                R handle = renewal.apply(filter);
                renewals.add(new Renewal<>(subscribePacket(new Request<>(held.subscription(), held.identifier(),
                        handle)), filter, handle));
            });
        }
        return new Resumption<>(packets, qos0, renewals, resent);
    }

    /** The QoS 0 publishes that waited for this connection, less those whose MQTT 5 expiry passed meanwhile. */
    private List<Qos0<D>> sendableOfflineQos0() {
        long now = nanoClock.getAsLong();
        List<Qos0<D>> sendable = new ArrayList<>(offlineQos0.size());
        while (!offlineQos0.isEmpty()) {
            Offline<D> waited = offlineQos0.poll();
            Qos0<D> q = waited.publish();
            long accepted = waited.acceptedNanos();
            PublishPacket p = q.packet();
            if (MessageExpiry.expired(p.properties(), accepted, now)) {
                expiredQos0.add(new OutgoingQosFlows.Expired<>(p.topic(), p.properties().messageExpiryInterval(),
                        q.handle()));
            } else {
                sendable.add(new Qos0<>(new PublishPacket(p.topic(), p.payload(), 0, p.retain(), false, 0,
                        MessageExpiry.remaining(p.properties(), accepted, now)), q.handle()));
            }
        }
        return sendable;
    }

    /** The publishes that were dropped unsent because their MQTT 5 message expiry passed, since the last call. */
    public List<OutgoingQosFlows.Expired<D>> drainExpired() {
        List<OutgoingQosFlows.Expired<D>> drained = new ArrayList<>(expiredQos0);
        expiredQos0.clear();
        drained.addAll(outgoing.drainExpired());
        return drained;
    }

    /** The connection ended: the requests it carried will never be answered. */
    public List<Request<R>> connectionLost() {
        online = false;
        return requests.clear();
    }

    public boolean online() {
        return online;
    }

    /** The topic of the oldest publish awaiting the server's acknowledgement, or null. */
    public String oldestInflightTopic() {
        return outgoing.oldestInflightTopic();
    }

    // ---- Publishing

    /** Publishes waiting for a connection or for room in the window. */
    /**
     * QoS 1 and 2 publishes awaiting an acknowledgement, ours from the server and the server's from us, as of lately;
     * needs no lock.
     */
    public int unacknowledgedSeen() {
        return outgoing.inflightSeen() + incoming.pendingAcksSeen();
    }

    public int waitingCount() {
        return offlineQos0.size() + outgoing.waitingCount();
    }

    /** A QoS 0 publish: returned to be sent now, or null when it waits for the next connection. */
    public Qos0<D> publishQos0(String topic, byte[] payload, boolean retain, MqttProperties properties, D handle) {
        Qos0<D> publish = new Qos0<>(new PublishPacket(topic, payload, 0, retain, false, 0, properties), handle);
        if (online) {
            return publish;
        }
        offlineQos0.add(new Offline<>(publish, nanoClock.getAsLong()));
        return null;
    }

    /**
     * A QoS 1 or 2 publish, stored before anything is sent. Returns the PUBLISH to send now, or null when it waits
     * for room in the window or for a connection.
     */
    public PublishPacket publish(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties,
                                 D handle) {
        return outgoing.submit(topic, payload, qos, retain, properties, handle, online);
    }

    /**
     * Before {@link #connected}: the receive maximums of an MQTT 5 connection ({@code stated}), the server's (how many
     * QoS 1 and 2 publishes we may have unacknowledged) and ours (how many it may); 65535, not stated, and
     * Integer.MAX_VALUE on MQTT 3.
     */
    public void limitInflight(int serverReceiveMaximum, boolean stated, int ourReceiveMaximum) {
        outgoing.limitTo(serverReceiveMaximum, stated);
        incoming.limitTo(ourReceiveMaximum);
    }

    public Completed<D> onPubAck(PubAckPacket ack) throws ProtocolViolationException {
        return completed(outgoing.onPubAck(ack.packetId()), true);
    }

    /** PUBREC: the PUBREL to send; on MQTT 5 a reason code of 0x80 or above ends the flow in {@link #onPubRecRefused}. */
    public PubRelPacket onPubRec(PubRecPacket rec) throws ProtocolViolationException {
        return outgoing.onPubRec(rec.packetId());
    }

    public Completed<D> onPubRecRefused(PubRecPacket rec) throws ProtocolViolationException {
        return completed(outgoing.onPubRecRefused(rec.packetId()), false);
    }

    public Completed<D> onPubComp(PubCompPacket comp) throws ProtocolViolationException {
        return completed(outgoing.onPubComp(comp.packetId()), false);
    }

    private Completed<D> completed(OutgoingQosFlows.Flight<D> flight, boolean byPubAck) {
        return new Completed<>(flight.handle(), online ? outgoing.fillWindow() : List.of(), flight.topic(),
                byPubAck && flight.qos() == 2);
    }

    // ---- Receiving

    public Arrival onPublish(PublishPacket publish) {
        if (publish.qos() == 0) {
            return new Arrival(null, true, null);
        }
        return switch (incoming.onPublish(publish)) {
            case DELIVER -> new Arrival(incoming.expectAck(publish), true, null);
            case REPEAT_PUBREC -> new Arrival(null, false, new PubRecPacket(publish.packetId()));
            case IGNORE -> new Arrival(null, false, null);
        };
    }

    /** The application is done with a message: the acknowledgements now due, in arrival order. */
    public List<MqttPacket> acknowledge(IncomingQosFlows.PendingAck ack) {
        List<MqttPacket> acks = incoming.ack(ack);
        return online ? acks : List.of();
    }

    /** A message that never reached the application: what to send so the server does not wait for it forever. */
    public List<MqttPacket> undelivered(IncomingQosFlows.PendingAck ack) {
        List<MqttPacket> acks = incoming.undelivered(ack);
        return online ? acks : List.of();
    }

    public IncomingQosFlows.Release onPubRel(PubRelPacket rel) throws ProtocolViolationException {
        return incoming.onPubRel(rel.packetId());
    }

    /** The receipt keeper forgot a released id: the PUBCOMP now due, if the server still waits for it. */
    public List<MqttPacket> forgotten(int packetId) {
        PubCompPacket comp = incoming.forgotten(packetId);
        return comp != null && online ? List.of(comp) : List.of();
    }

    // ---- Subscriptions

    /**
     * A SUBSCRIBE to send, with a subscription identifier unless it is 0 (MQTT 5), or an
     * {@link IllegalStateException} when all packet ids are in use.
     */
    public SubscribePacket subscribe(SubscribePacket.Subscription subscription, int identifier, R handle) {
        return subscribePacket(new Request<>(subscription, identifier, handle));
    }

    private SubscribePacket subscribePacket(Request<R> request) {
        MqttProperties properties = request.identifier() == 0 ? MqttProperties.EMPTY : MqttProperties.builder()
                .add(MqttProperty.SUBSCRIPTION_IDENTIFIER, request.identifier()).build();
        return new SubscribePacket(newRequest(request), List.of(request.subscription()), properties);
    }

    public UnsubscribePacket unsubscribe(String filter, R handle) {
        return new UnsubscribePacket(newRequest(new Request<>(new SubscribePacket.Subscription(filter, -1), 0,
                handle)), List.of(filter));
    }

    private int newRequest(Request<R> request) {
        int id = requests.add(request);
        if (id == 0) {
            throw new IllegalStateException("all 65535 packet ids are in use");
        }
        return id;
    }

    /** Matches a SUBACK to its SUBSCRIBE; a granted filter is one the session holds from now on. */
    public Granted<R> onSubAck(SubAckPacket subAck) throws ProtocolViolationException {
        if (subAck.returnCodes().size() != 1) {
            // The request stays pending: the caller fails it with this error through timedOut().
            throw new ProtocolViolationException("SUBACK for packet id " + subAck.packetId() + " holds "
                    + subAck.returnCodes().size() + " return codes, but the SUBSCRIBE had 1 topic filter");
        }
        Request<R> request = requests.complete(subAck.packetId(), "SUBACK");
        Granted<R> granted = new Granted<>(request, subAck.returnCodes().get(0));
        if (!granted.refused()) {
            subscriptions.put(request.filter(), request);
        }
        return granted;
    }

    public Request<R> onUnsubAck(UnsubAckPacket unsubAck) throws ProtocolViolationException {
        Request<R> request = requests.complete(unsubAck.packetId(), "UNSUBACK");
        subscriptions.remove(request.filter());
        return request;
    }

    /** A request that waited too long; null when its answer came first. */
    public Request<R> timedOut(int packetId) {
        return requests.remove(packetId);
    }

    // ---- Ending

    /**
     * Lets go of everything in flight, for a client that is closing. The store keeps the unacknowledged
     * publishes: the next client with this id and store sends them.
     */
    public Abandoned<D, R> abandon() {
        online = false;
        List<D> publishes = new ArrayList<>(outgoing.abandon());
        offlineQos0.forEach(q -> publishes.add(q.publish().handle()));
        offlineQos0.clear();
        List<R> pending = requests.clear().stream().map(Request::handle).toList();
        return new Abandoned<>(publishes, pending);
    }

    /** Closes the store, once nothing can touch the session any more. */
    public void closeStore() {
        store.close();
    }
}
