package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import io.github.mqttbridge.client.internal.persistence.SessionStoreFactory;
import io.github.mqttbridge.client.internal.persistence.TransientSessionStore;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.session.Session;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link MqttClient}: it routes between the {@link Session} (what to send) and the
 * {@link ConnectionLifecycle} (where to send it).
 *
 * <p>The threading rule, for every class of the engine: all session and lifecycle state is guarded by one lock,
 * {@link #lock}, held only for short, non-blocking steps. The connection's reader thread brings inbound packets,
 * the application's threads bring operations, the timer thread brings attempts, timeouts and keep-alive; each
 * takes the lock for its step. Nothing of the application runs on these threads or under the lock: its callbacks
 * run on the callback thread and its futures complete on the completion thread ({@link ClientExecutors}).
 */
public final class ClientEngine<M> implements Connection.Handler, ConnectionLifecycle.Events {
    private static final Logger log = LoggerFactory.getLogger(ClientEngine.class);

    private final String clientId;
    private final EngineCallbacks<M> callbacks;
    private final Object lock = new Object();
    private final ConnectionLifecycle lifecycle;
    private ClientExecutors executors;
    private EngineOptions options;
    private Session<Delivery<M>, SubscriptionRequests.Pending> session;
    private SubscriptionRequests requests;
    private PublishAcknowledgements<M> acks;
    private InboundMessages<M> inbound;
    private final RefusalWatch refusals = new RefusalWatch();
    private final WriteHolds writeHolds = new WriteHolds();
    /** Valid for the connection: what its CONNACK said. */
    private volatile Negotiated negotiated;
    private InboundTopicAliases inboundAliases;
    private final Reauthentication reauth = new Reauthentication();

    public ClientEngine(String clientId, ServerUri defaultUri, EngineCallbacks<M> callbacks) {
        this.clientId = clientId;
        this.callbacks = callbacks;
        this.lifecycle = new ConnectionLifecycle(clientId, defaultUri, lock, this, callbacks);
    }

    // ---- Connecting

    public CompletableFuture<Void> connect(EngineOptions connectOptions) {
        ClientIdRules.check(clientId, connectOptions);
        CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (lock) {
            lifecycle.requireIdle();
            if (executors == null) {
                executors = new ClientExecutors(clientId, connectOptions);
            }
            options = connectOptions;
            if (session == null) {
                session = openSession(connectOptions);
                requests = new SubscriptionRequests(lock, session, executors, () -> options.timeout());
                acks = new PublishAcknowledgements<>(lock, session, lifecycle, executors, callbacks);
                inbound = new InboundMessages<>(lock, session, lifecycle, executors, callbacks, () -> options);
            }
            lifecycle.start(connectOptions, executors, result);
        }
        return result;
    }

    private Session<Delivery<M>, SubscriptionRequests.Pending> openSession(EngineOptions o) {
        SessionStoreFactory persistence = o.persistence();
        SessionStore store;
        try {
            store = persistence == null ? new TransientSessionStore() : persistence.open(clientId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the session store of '" + clientId + "' in "
                    + persistence + ": " + e.getMessage(), e);
        }
        int restored = store.load().outbound().size();
        if (restored > 0) {
            log.info("Restored {} unacknowledged messages of '{}' from {}; they are sent on connect", restored,
                    clientId, persistence);
        }
        return new Session<>(store, o.flow().maxInflight(), o.flow().maxInflightQos2(), stored -> {
            M m = callbacks.restored(stored.topic(), stored.payload(), stored.qos(), stored.retain());
            return new Delivery<>(m, new CompletableFuture<>());
        }, o.flow().receiptKeeper());
    }

    @Override
    public void accepted(Connection c, ConnAckPacket connAck, MqttVersion version, boolean reconnect) {
        acks.newConnection();
        negotiated = Negotiated.of(version, connAck, clientId);
        inboundAliases = new InboundTopicAliases(version == MqttVersion.MQTT_5 ? options.mqtt5().topicAliasMaximum() : 0);
        c.useTopicAliases(Math.min(options.mqtt5().outboundTopicAliases(), negotiated.topicAliasMaximum()));
        boolean mqtt5 = version == MqttVersion.MQTT_5;
        session.limitInflight(negotiated.receiveMaximum(), mqtt5, mqtt5 ? options.mqtt5().receiveMaximum()
                : Integer.MAX_VALUE);
        refusals.accepted(System.nanoTime());
        Session.Resumption<Delivery<M>, SubscriptionRequests.Pending> resumption = session.connected(connAck.sessionPresent(),
                SubscriptionRequests::renewal);
        resumption.packets().forEach(c::send);
        resumption.qos0().forEach(q -> sendQos0(c, q));
        requests.renew(c, resumption.renewals());
        acks.failExpired();
        if (version == MqttVersion.MQTT_5) {
            EnhancedAuthentication.onAccepted(c, connAck.properties(), options.mqtt5().authentication(), executors);
        }
        log.info("Connected to {} as '{}' (MQTT {}, session present: {}, {} messages to resend)", c.uri(),
                negotiated.clientId(), negotiated.versionName(), connAck.sessionPresent(), resumption.resent());
    }

    @Override
    public Runnable detached(Connection c, EngineFailure cause) {
        if (session.online()) {
            refusals.ended(session.oldestInflightTopic(), c.uri(), cause.getMessage(), System.nanoTime());
        }
        List<Session.Request<SubscriptionRequests.Pending>> abandoned = session.connectionLost();
        Runnable reauthFailed = reauth.connectionEnded(cause);
        return () -> {
            requests.abandoned(abandoned, cause);
            reauthFailed.run();
        };
    }

    @Override
    public void onReadDone(Connection c) {
        executors.callbacks.release();
    }

    @Override
    public int unacknowledgedPublishes() {
        return session.unacknowledgedSeen();
    }

    @Override
    public void onClosed(Connection c, EngineFailure cause) {
        lifecycle.onClosed(c, cause);
    }

    // ---- Inbound packets

    @Override
    public void onPacket(Connection c, MqttPacket packet) throws ProtocolViolationException, InterruptedException {
        if (packet instanceof ConnAckPacket connAck) {
            EnhancedAuthentication.checkConnAck(connAck.properties(), options.mqtt5().authentication());
            lifecycle.onConnAck(c, connAck);
            return;
        }
        synchronized (lock) {
            if (lifecycle.state() == ConnectionLifecycle.State.CONNECTING) {
                if (packet instanceof AuthPacket auth) {
                    EnhancedAuthentication.onChallenge(c, auth, options.mqtt5().authentication(), executors);
                    return;
                }
                throw new ProtocolViolationException("the first packet from the server must be CONNACK, was "
                        + packet.type());
            }
        }
        switch (packet.type()) {
            case PUBLISH -> inbound.onPublish(c, inboundAliases.resolve((PublishPacket) packet));
            case PUBACK -> acks.onPubAck((PubAckPacket) packet);
            case PUBREC -> acks.onPubRec(c, (PubRecPacket) packet);
            case PUBCOMP -> acks.onPubComp((PubCompPacket) packet);
            case PUBREL -> inbound.onPubRel(c, (PubRelPacket) packet);
            case SUBACK -> requests.onSubAck((SubAckPacket) packet);
            case UNSUBACK -> requests.onUnsubAck((UnsubAckPacket) packet);
            case PINGRESP -> { }
            case AUTH -> {
                synchronized (lock) {
                    reauth.onAuth(c, (AuthPacket) packet, options.mqtt5().authentication(), executors);
                }
            }
            case DISCONNECT -> c.close(EngineFailure.serverDisconnect(((DisconnectPacket) packet).reasonCode(),
                    ((DisconnectPacket) packet).properties().reasonString()));
            default -> throw new ProtocolViolationException("a server must not send " + packet.type());
        }
    }

    // ---- Operations

    /**
     * Publishes, with MQTT 5 properties that an MQTT 3 connection leaves out; {@code message} is what the delivered
     * callback hands back.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain,
                                           MqttProperties properties, M message) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Delivery<M> delivery = new Delivery<>(message, future);
        String tooLarge = ServerLimits.tooLarge(negotiated, topic, payload, qos, retain, properties);
        if (tooLarge != null) {
            future.completeExceptionally(new EngineFailure(EngineFailure.Kind.PUBLISH_FAILED, tooLarge));
            return future;
        }
        synchronized (lock) {
            Connection c = lifecycle.current();
            if (c == null && !mayBuffer(future)) {
                return future;
            }
            try {
                if (qos == 0) {
                    Session.Qos0<Delivery<M>> now = session.publishQos0(topic, payload, retain, properties, delivery);
                    if (now != null) {
                        sendQos0(c, now);
                    }
                    return future;
                }
                PublishPacket now = session.publish(topic, payload, qos, retain, properties, delivery);
                if (now != null) {
                    send(c, now, null);
                }
            } catch (UncheckedIOException e) {
                future.completeExceptionally(new EngineFailure(EngineFailure.Kind.INVALID_STORED_DATA,
                        "could not store the message before sending it: " + e.getMessage(), e));
            }
        }
        return future;
    }

    /** Whether a publish may wait for the next connection; fails its future when the buffer is full. */
    private boolean mayBuffer(CompletableFuture<Void> future) {
        if (lifecycle.state() == ConnectionLifecycle.State.CLOSED) {
            throw new IllegalStateException("the client is closed");
        }
        if (options == null || !options.offline().publishing()) {
            throw new IllegalStateException("not connected (set disconnectedPublishing(true) to queue messages"
                    + " while disconnected)");
        }
        if (session.waitingCount() >= options.offline().bufferSize()) {
            future.completeExceptionally(new EngineFailure(EngineFailure.Kind.BUFFER_FULL, "disconnected and "
                    + options.offline().bufferSize() + " messages already wait to be sent"));
            return false;
        }
        return true;
    }

    /** Sends a publish, or only queues it while the calling thread holds its writes. */
    private void send(Connection c, MqttPacket packet, Connection.WriteListener listener) {
        if (writeHolds.heldByCurrentThread()) {
            c.queue(packet, listener);
        } else {
            c.send(packet, listener);
        }
    }

    /** Holds the calling thread's publishes back from the writer until {@link #releaseWrites()}. */
    public void holdWrites() {
        writeHolds.hold();
    }

    /** Ends a {@link #holdWrites()}; at the thread's last, what it queued is written. */
    public void releaseWrites() {
        if (writeHolds.release()) {
            flushWrites();
        }
    }

    /** Writes what is queued, held or not. */
    public void flushWrites() {
        Connection c;
        synchronized (lock) {
            c = lifecycle.current();
        }
        if (c != null) {
            c.flush();
        }
    }

    private void sendQos0(Connection c, Session.Qos0<Delivery<M>> publish) {
        send(c, publish.packet(), new Connection.WriteListener() {
            @Override
            public void written() {
                acks.delivered(publish.handle());
            }

            @Override
            public void failed(EngineFailure cause) {
                fail(publish.handle().future(), cause);
            }
        });
    }

    /** Subscribes; {@code identifier} is the MQTT 5 subscription identifier, 0 for none. */
    public CompletableFuture<Integer> subscribe(SubscribePacket.Subscription subscription, int identifier) {
        synchronized (lock) {
            return requests.subscribe(requireConnected(), subscription, negotiated.subscriptionIdentifier(identifier));
        }
    }

    public CompletableFuture<Void> unsubscribe(String filter) {
        synchronized (lock) {
            return requests.unsubscribe(requireConnected(), filter);
        }
    }

    private Connection requireConnected() {
        if (lifecycle.state() == ConnectionLifecycle.State.CLOSED) {
            throw new IllegalStateException("the client is closed");
        }
        Connection c = lifecycle.current();
        if (c == null) {
            throw new IllegalStateException("not connected");
        }
        return c;
    }

    /** Starts a re-authentication with the connect options' authenticator (MQTT 5 only). */
    public CompletableFuture<Void> reauthenticate() {
        synchronized (lock) {
            return reauth.start(requireConnected(), negotiated, options.mqtt5().authentication());
        }
    }

    /** What the last accepted connection negotiated, or null before the first. */
    public Negotiated negotiated() {
        return negotiated;
    }

    public boolean isConnected() {
        synchronized (lock) {
            return lifecycle.state() == ConnectionLifecycle.State.CONNECTED;
        }
    }

    // ---- Ending

    public CompletableFuture<Void> disconnect() {
        return lifecycle.disconnect();
    }

    public void close() {
        EngineFailure closed = new EngineFailure(EngineFailure.Kind.CLIENT_CLOSED, "the client was closed");
        Session.Abandoned<Delivery<M>, SubscriptionRequests.Pending> abandoned;
        ClientExecutors ex;
        synchronized (lock) {
            if (lifecycle.state() == ConnectionLifecycle.State.CLOSED) {
                return;
            }
            abandoned = session == null ? null : session.abandon();
            ex = executors;
        }
        ConnectionLifecycle.Closing closing = lifecycle.close(closed);
        if (closing == null) {
            return;
        }
        if (abandoned != null) {
            abandoned.publishes().forEach(d -> fail(d.future(), closed));
            requests.closed(abandoned.requests(), closed);
        }
        closing.waiting().forEach(f -> fail(f, closed));
        if (ex != null) {
            ex.shutdown();
        }
        lifecycle.awaitClosed(closing.closed());
        synchronized (lock) {
            if (session != null) {
                session.closeStore();
            }
        }
        log.info("Closed client '{}'", clientId);
    }

    // ---- Completing the application's futures, never on our I/O threads or under the lock

    private <T> void complete(CompletableFuture<T> f, T value) {
        executors.settle(() -> f.complete(value));
    }

    private void fail(CompletableFuture<?> f, Throwable cause) {
        executors.settle(() -> f.completeExceptionally(cause));
    }
}
