package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import io.github.mqttbridge.client.internal.engine.Connection;
import io.github.mqttbridge.client.internal.engine.KeepAlive;
import io.github.mqttbridge.client.internal.persistence.SessionStore;
import io.github.mqttbridge.client.internal.persistence.TransientSessionStore;
import io.github.mqttbridge.client.internal.session.IncomingQosFlows;
import io.github.mqttbridge.client.internal.session.OutgoingQosFlows;
import io.github.mqttbridge.client.internal.session.PacketIdPool;
import io.github.mqttbridge.client.internal.session.PendingRequests;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link MqttClient}: the connection state machine, the session, and the routing of packets
 * between them. All state is guarded by one lock, held only for short, non-blocking steps; the application's
 * callbacks and futures are always completed outside it, on the client's own threads.
 */
final class ClientCore implements Connection.Handler {
    private static final Logger log = LoggerFactory.getLogger(ClientCore.class);

    enum State { DISCONNECTED, CONNECTING, CONNECTED, RECONNECT_WAIT, DISCONNECTING, CLOSED }

    /** An outbound message and the future its sender holds. */
    private record Delivery(MqttMessage message, CompletableFuture<Void> future) {
    }

    /** A SUBSCRIBE (qos 0-2) or UNSUBSCRIBE (qos -1) awaiting its acknowledgement. */
    private record Request(String filter, int qos, CompletableFuture<Integer> future, ScheduledFuture<?> timeout) {
    }

    private final String clientId;
    private final ServerUri defaultUri;
    private final ClientCallbacks callbacks;
    private final Object lock = new Object();

    // Valid for the client.
    private State state = State.DISCONNECTED;
    private ClientExecutors executors;
    private ConnectOptions options;
    private ConnectAttempt attempt;
    private ScheduledFuture<?> reconnectTask;
    private CompletableFuture<Void> pendingConnect;
    private long reconnectDelayMillis;
    private boolean everConnected;
    private CompletableFuture<Void> disconnected;

    // Valid for the session; bound to the persistence and window of the first connect.
    private final PacketIdPool ids = new PacketIdPool();
    private SessionStore store;
    private OutgoingQosFlows<Delivery> outgoing;
    private IncomingQosFlows incoming;
    private final PendingRequests<Request> requests = new PendingRequests<>(ids);
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> offlineQos0 = new ArrayDeque<>();

    // Valid for the connection.
    private Connection connection;
    private KeepAlive keepAlive;

    ClientCore(String clientId, ServerUri defaultUri, ClientCallbacks callbacks) {
        this.clientId = clientId;
        this.defaultUri = defaultUri;
        this.callbacks = callbacks;
    }

    // ---- Connecting

    CompletableFuture<Void> connect(ConnectOptions connectOptions) {
        validateClientId(connectOptions);
        CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (lock) {
            switch (state) {
                case CLOSED -> throw new IllegalStateException("the client is closed");
                case CONNECTING -> throw new IllegalStateException("already connecting");
                case RECONNECT_WAIT -> throw new IllegalStateException("already reconnecting; call disconnect() first");
                case CONNECTED, DISCONNECTING -> throw new IllegalStateException("already connected");
                default -> { }
            }
            if (executors == null) {
                executors = new ClientExecutors(clientId, connectOptions);
            }
            if (outgoing == null) {
                openSession(connectOptions);
            }
            options = connectOptions;
            reconnectDelayMillis = connectOptions.reconnectMinDelay().toMillis();
            pendingConnect = result;
            startAttempt(false);
        }
        return result;
    }

    private void openSession(ConnectOptions o) {
        MqttPersistence persistence = o.persistence();
        try {
            store = persistence == null ? new TransientSessionStore() : persistence.open(clientId);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the session store of '" + clientId + "' in "
                    + persistence + ": " + e.getMessage(), e);
        }
        outgoing = new OutgoingQosFlows<>(ids, store, o.maxInflight());
        incoming = new IncomingQosFlows(store);
        SessionStore.Contents contents = store.load();
        outgoing.restore(contents.outbound(), stored -> {
            MqttMessage m = new MqttMessage(stored.payload());
            m.setDestinationName(stored.topic());
            m.setQos(stored.qos());
            m.setRetained(stored.retain());
            return new Delivery(m, new CompletableFuture<>());
        });
        if (!contents.outbound().isEmpty()) {
            log.info("Restored {} unacknowledged messages of '{}' from {}; they are sent on connect",
                    contents.outbound().size(), clientId, persistence);
        }
    }

    private void startAttempt(boolean reconnect) {
        state = State.CONNECTING;
        attempt = new ConnectAttempt(this, candidates(options), reconnect);
        executors.timer.execute(attempt::tryNext);
    }

    private void validateClientId(ConnectOptions o) {
        MqttVersion version = o.mqttVersion().orElse(MqttVersion.MQTT_3_1_1);
        if (clientId.isEmpty() && !o.cleanSession()) {
            throw new IllegalArgumentException("clientId must not be empty when cleanSession is false: the server"
                    + " needs an id to keep the session under");
        }
        if (clientId.isEmpty() && version == MqttVersion.MQTT_3_1) {
            throw new IllegalArgumentException("clientId must not be empty for MQTT 3.1 (mqttVersion 3)");
        }
        if (clientId.length() > version.maxClientIdLength()) {
            throw new IllegalArgumentException("clientId must be at most " + version.maxClientIdLength()
                    + " characters for mqttVersion " + version.level() + ", was " + clientId.length()
                    + " characters: '" + clientId + "'");
        }
    }

    private List<ConnectAttempt.Candidate> candidates(ConnectOptions o) {
        List<ServerUri> uris = o.hosts().isEmpty() ? List.of(defaultUri) : o.hosts();
        List<ConnectAttempt.Candidate> list = new ArrayList<>();
        for (ServerUri uri : uris) {
            ServerUri effective = o.useSsl() ? uri.withScheme(uri.scheme().withTls()) : uri;
            if (o.mqttVersion().isPresent()) {
                list.add(new ConnectAttempt.Candidate(effective, o.mqttVersion().get(), false));
            } else {
                list.add(new ConnectAttempt.Candidate(effective, MqttVersion.MQTT_3_1_1, false));
                // 3.1 allows only 1 to 23 characters of client id, so other ids cannot fall back.
                if (!clientId.isEmpty() && clientId.length() <= MqttVersion.MQTT_3_1.maxClientIdLength()) {
                    list.add(new ConnectAttempt.Candidate(effective, MqttVersion.MQTT_3_1, true));
                }
            }
        }
        return list;
    }

    /** Called by the attempt once a transport is open: the connection to send CONNECT on. */
    boolean adoptConnection(ConnectAttempt from, Connection c) {
        synchronized (lock) {
            if (attempt != from || state != State.CONNECTING) {
                return false;
            }
            connection = c;
            return true;
        }
    }

    ConnectPacket connectPacket(MqttVersion version) {
        ConnectOptions o = options;
        ConnectPacket.Will will = o.willMessage().map(w -> new ConnectPacket.Will(w.destinationName(),
                w.payloadNoCopy(), w.qos(), w.retained())).orElse(null);
        return new ConnectPacket(version, clientId, o.cleanSession(), (int) o.keepAliveInterval().getSeconds(), will,
                o.userName().orElse(null), passwordBytes(o.password()));
    }

    private static byte[] passwordBytes(char[] password) {
        if (password == null) {
            return null;
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        Arrays.fill(password, '\0');
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    ConnectOptions options() {
        return options;
    }

    ClientExecutors executors() {
        return executors;
    }

    String clientId() {
        return clientId;
    }

    private void onConnAck(Connection c, ConnAckPacket connAck) throws ProtocolViolationException {
        ConnectAttempt current;
        synchronized (lock) {
            if (state != State.CONNECTING || attempt == null || !attempt.awaitingConnAck(c)) {
                throw new ProtocolViolationException("CONNACK received when the connection was already accepted");
            }
            current = attempt;
        }
        if (connAck.returnCode() != 0) {
            c.close(MqttException.connackRefused(connAck.returnCode()));
            return;
        }
        current.connected();
        CompletableFuture<Void> result;
        synchronized (lock) {
            if (attempt != current || connection != c) {
                return;
            }
            boolean resubscribe = !connAck.sessionPresent() && everConnected && !subscriptions.isEmpty();
            everConnected = true;
            state = State.CONNECTED;
            attempt = null;
            result = pendingConnect;
            pendingConnect = null;
            reconnectDelayMillis = options.reconnectMinDelay().toMillis();
            incoming.onNewConnection();
            if (!connAck.sessionPresent()) {
                incoming.clear();
            }
            for (MqttPacket p : outgoing.resume(connAck.sessionPresent())) {
                c.send(p);
            }
            while (!offlineQos0.isEmpty()) {
                sendQos0(c, offlineQos0.poll());
            }
            if (resubscribe) {
                resubscribe(c);
            }
            long keepAliveMillis = options.keepAliveInterval().toMillis();
            if (keepAliveMillis > 0) {
                keepAlive = new KeepAlive(c, keepAliveMillis, executors.callbacks::producerWaiting, executors.timer);
            }
            log.info("Connected to {} as '{}' (MQTT {}, session present: {}, {} messages to resend)", c.uri(),
                    clientId, current.version().level() == 4 ? "3.1.1" : "3.1", connAck.sessionPresent(),
                    outgoing.inflightCount());
        }
        if (result != null) {
            complete(result, null);
        }
        String uri = c.uri();
        boolean reconnect = current.reconnect();
        executors.callbacks.execute(() -> callbacks.connected(reconnect, uri));
    }

    /** The server forgot our subscriptions (a clean session): make them again. */
    private void resubscribe(Connection c) {
        for (Map.Entry<String, Integer> s : subscriptions.entrySet()) {
            String filter = s.getKey();
            CompletableFuture<Integer> f = new CompletableFuture<>();
            f.whenComplete((granted, error) -> {
                if (error != null) {
                    log.error("Could not subscribe again to '{}' after reconnecting: {}", filter, error.getMessage());
                }
            });
            sendRequest(c, new Request(filter, s.getValue(), f, null), id -> new SubscribePacket(id,
                    List.of(new SubscribePacket.Subscription(filter, s.getValue()))), MqttErrorCode.SUBSCRIBE_TIMEOUT);
        }
    }

    // ---- Losing the connection

    @Override
    public void onClosed(Connection c, MqttException cause) {
        ConnectAttempt failedAttempt = null;
        List<Request> abandoned;
        boolean lost;
        boolean byUser;
        CompletableFuture<Void> whenDisconnected;
        synchronized (lock) {
            if (c != connection) {
                return;
            }
            connection = null;
            if (keepAlive != null) {
                keepAlive.stop();
                keepAlive = null;
            }
            abandoned = requests.clear();
            lost = state == State.CONNECTED || state == State.DISCONNECTING;
            byUser = state == State.DISCONNECTING;
            whenDisconnected = disconnected;
            disconnected = null;
            if (state == State.CONNECTING) {
                failedAttempt = attempt;
            } else if (lost && !byUser && options.reconnect()) {
                scheduleReconnect();
            } else if (state != State.CLOSED) {
                state = State.DISCONNECTED;
            }
        }
        for (Request r : abandoned) {
            if (r.timeout != null) {
                r.timeout.cancel(false);
            }
            fail(r.future, new MqttException(cause.code(), "connection lost before the server answered: "
                    + cause.getMessage(), cause));
        }
        if (failedAttempt != null) {
            failedAttempt.connectionFailed(c, cause);
            return;
        }
        if (lost) {
            ConnectionLost event = byUser
                    ? new ConnectionLost(MqttErrorCode.OK, "disconnected by the application", c.uri(), null)
                    : new ConnectionLost(cause.code(), cause.getMessage(), c.uri(), cause);
            if (byUser) {
                log.info("Disconnected from {}", c.uri());
            } else {
                log.warn("Connection to {} lost: {}", c.uri(), cause.getMessage());
            }
            executors.callbacks.execute(() -> callbacks.connectionLost(event));
        }
        if (whenDisconnected != null) {
            complete(whenDisconnected, null);
        }
    }

    /** Every candidate of the attempt failed: retry later, or give up. */
    void attemptFailed(ConnectAttempt failed, MqttException cause) {
        CompletableFuture<Void> result;
        synchronized (lock) {
            if (attempt != failed || state != State.CONNECTING) {
                return;
            }
            attempt = null;
            if (failed.reconnect() || options.retryInitialConnect()) {
                log.warn("Could not connect as '{}': {}", clientId, cause.getMessage());
                scheduleReconnect();
                return;
            }
            state = State.DISCONNECTED;
            result = pendingConnect;
            pendingConnect = null;
        }
        log.warn("Could not connect as '{}': {}", clientId, cause.getMessage());
        if (result != null) {
            fail(result, cause);
        }
    }

    /** Waits the backoff delay, with jitter so that many clients do not come back at once, then tries again. */
    private void scheduleReconnect() {
        state = State.RECONNECT_WAIT;
        long base = reconnectDelayMillis;
        reconnectDelayMillis = Math.min(options.reconnectMaxDelay().toMillis(), base * 2);
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        boolean reconnect = everConnected;
        log.info("Reconnecting '{}' in {} s", clientId, String.format("%.1f", delay / 1000.0));
        reconnectTask = executors.timer.schedule(() -> {
            synchronized (lock) {
                if (state == State.RECONNECT_WAIT) {
                    reconnectTask = null;
                    startAttempt(reconnect);
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    // ---- Inbound packets

    @Override
    public void onPacket(Connection c, MqttPacket packet) throws ProtocolViolationException, InterruptedException {
        if (packet instanceof ConnAckPacket connAck) {
            onConnAck(c, connAck);
            return;
        }
        synchronized (lock) {
            if (state == State.CONNECTING) {
                throw new ProtocolViolationException("the first packet from the server must be CONNACK, was "
                        + packet.type());
            }
        }
        switch (packet.type()) {
            case PUBLISH -> onPublish(c, (PublishPacket) packet);
            case PUBACK -> delivered(outboundAck(() -> outgoing.onPubAck(((PubAckPacket) packet).packetId())));
            case PUBREC -> {
                synchronized (lock) {
                    c.send(outgoing.onPubRec(((PubRecPacket) packet).packetId()));
                }
            }
            case PUBCOMP -> delivered(outboundAck(() -> outgoing.onPubComp(((PubCompPacket) packet).packetId())));
            case PUBREL -> {
                synchronized (lock) {
                    c.send(incoming.onPubRel(((PubRelPacket) packet).packetId()));
                }
            }
            case SUBACK -> onSubAck((SubAckPacket) packet);
            case UNSUBACK -> onUnsubAck((UnsubAckPacket) packet);
            case PINGRESP -> { }
            default -> throw new ProtocolViolationException("a server must not send " + packet.type());
        }
    }

    private interface AckStep {
        OutgoingQosFlows.Flight<Delivery> apply() throws ProtocolViolationException;
    }

    /** Completes an outbound flow and lets a waiting publish take its place in the window. */
    private Delivery outboundAck(AckStep step) throws ProtocolViolationException {
        synchronized (lock) {
            OutgoingQosFlows.Flight<Delivery> done = step.apply();
            if (connection != null && state == State.CONNECTED) {
                for (PublishPacket p : outgoing.fillWindow()) {
                    connection.send(p);
                }
            }
            return done.handle();
        }
    }

    private void delivered(Delivery d) {
        if (callbacks.wantsDelivered()) {
            executors.callbacks.execute(() -> callbacks.delivered(d.message));
        }
        complete(d.future, null);
    }

    private void onPublish(Connection c, PublishPacket publish) throws InterruptedException {
        IncomingQosFlows.PendingAck ack = null;
        boolean manual;
        synchronized (lock) {
            manual = options.manualAcks();
            if (publish.qos() > 0) {
                switch (incoming.onPublish(publish)) {
                    case REPEAT_PUBREC -> {
                        c.send(new PubRecPacket(publish.packetId()));
                        return;
                    }
                    case IGNORE -> {
                        return;
                    }
                    case DELIVER -> ack = incoming.expectAck(publish);
                }
            }
        }
        IncomingQosFlows.PendingAck owed = ack;
        Runnable acknowledge = owed == null ? null : () -> acknowledge(owed);
        MqttMessage message = MqttMessage.arrived(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
                publish.dup(), publish.packetId(), manual ? acknowledge : null);
        try {
            executors.callbacks.deliver(() -> {
                try {
                    callbacks.messageArrived(message);
                } finally {
                    if (!manual && acknowledge != null) {
                        acknowledge.run();
                    }
                }
            }, publish.payload().length);
        } catch (InterruptedException connectionEnded) {
            if (owed != null) {
                synchronized (lock) {
                    List<MqttPacket> acks = incoming.undelivered(owed);
                    if (connection != null) {
                        acks.forEach(connection::send);
                    }
                }
            }
            throw connectionEnded;
        }
    }

    private void acknowledge(IncomingQosFlows.PendingAck ack) {
        synchronized (lock) {
            if (incoming == null) {
                return;
            }
            List<MqttPacket> acks = incoming.ack(ack);
            if (connection != null) {
                acks.forEach(connection::send);
            }
        }
    }

    private void onSubAck(SubAckPacket subAck) throws ProtocolViolationException {
        Request r;
        synchronized (lock) {
            r = requests.complete(subAck.packetId(), "SUBACK");
            if (subAck.returnCodes().size() == 1 && subAck.returnCodes().get(0) != SubAckPacket.FAILURE) {
                subscriptions.put(r.filter, r.qos);
            }
        }
        cancelTimeout(r);
        if (subAck.returnCodes().size() != 1) {
            fail(r.future, new MqttException(MqttErrorCode.SOCKET_ERROR, "SUBACK holds "
                    + subAck.returnCodes().size() + " return codes for 1 topic filter"));
            throw new ProtocolViolationException("SUBACK for packet id " + subAck.packetId() + " holds "
                    + subAck.returnCodes().size() + " return codes, but the SUBSCRIBE had 1 topic filter");
        }
        int granted = subAck.returnCodes().get(0);
        if (granted == SubAckPacket.FAILURE) {
            log.warn("The server refused the subscription to '{}'", r.filter);
            fail(r.future, MqttException.subscribeRefused(r.filter));
            return;
        }
        log.info("Subscribed to '{}' with QoS {} (granted {})", r.filter, r.qos, granted);
        complete(r.future, granted);
    }

    private void onUnsubAck(UnsubAckPacket unsubAck) throws ProtocolViolationException {
        Request r;
        synchronized (lock) {
            r = requests.complete(unsubAck.packetId(), "UNSUBACK");
            subscriptions.remove(r.filter);
        }
        cancelTimeout(r);
        log.info("Unsubscribed from '{}'", r.filter);
        complete(r.future, null);
    }

    private static void cancelTimeout(Request r) {
        if (r.timeout != null) {
            r.timeout.cancel(false);
        }
    }

    // ---- Operations

    CompletableFuture<Void> publish(MqttMessage message) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Delivery delivery = new Delivery(message, future);
        synchronized (lock) {
            boolean online = state == State.CONNECTED && connection != null;
            if (!online) {
                requireBuffering();
                if (offlineQos0.size() + outgoing.waitingCount() >= options.disconnectedBufferSize()) {
                    future.completeExceptionally(new MqttException(MqttErrorCode.BUFFER_FULL, "disconnected and "
                            + options.disconnectedBufferSize() + " messages already wait to be sent"));
                    return future;
                }
            }
            if (message.qos() == 0) {
                if (online) {
                    sendQos0(connection, delivery);
                } else {
                    offlineQos0.add(delivery);
                }
                return future;
            }
            PublishPacket now;
            try {
                now = outgoing.submit(message.destinationName(), message.payloadNoCopy(), message.qos(),
                        message.retained(), delivery, online);
            } catch (UncheckedIOException e) {
                future.completeExceptionally(new MqttException(MqttErrorCode.INVALID_STORED_DATA,
                        "could not store the message before sending it: " + e.getMessage(), e));
                return future;
            }
            if (now != null) {
                connection.send(now);
            }
        }
        return future;
    }

    private void requireBuffering() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("the client is closed");
        }
        if (options == null || !options.disconnectedPublishing()) {
            throw new IllegalStateException("not connected (set disconnectedPublishing(true) to queue messages"
                    + " while disconnected)");
        }
    }

    private void sendQos0(Connection c, Delivery delivery) {
        MqttMessage m = delivery.message;
        c.send(new PublishPacket(m.destinationName(), m.payloadNoCopy(), 0, m.retained(), false, 0),
                new Connection.WriteListener() {
                    @Override
                    public void written() {
                        delivered(delivery);
                    }

                    @Override
                    public void failed(MqttException cause) {
                        fail(delivery.future, cause);
                    }
                });
    }

    CompletableFuture<Integer> subscribe(String filter, int qos) {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        synchronized (lock) {
            Connection c = requireConnected();
            sendRequest(c, new Request(filter, qos, future, null), id -> new SubscribePacket(id,
                    List.of(new SubscribePacket.Subscription(filter, qos))), MqttErrorCode.SUBSCRIBE_TIMEOUT);
        }
        return future;
    }

    CompletableFuture<Void> unsubscribe(String filter) {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        synchronized (lock) {
            Connection c = requireConnected();
            sendRequest(c, new Request(filter, -1, future, null), id -> new UnsubscribePacket(id, List.of(filter)),
                    MqttErrorCode.UNSUBSCRIBE_TIMEOUT);
        }
        return future.thenApply(ignored -> null);
    }

    /** Sends a SUBSCRIBE or UNSUBSCRIBE and fails its future if the server does not answer in time. */
    private void sendRequest(Connection c, Request request, IntFunction<MqttPacket> packet, MqttErrorCode timeoutCode) {
        long timeoutMillis = options.timeout().toMillis();
        int[] id = new int[1];
        ScheduledFuture<?> timeout = executors.timer.schedule(() -> {
            Request gone;
            synchronized (lock) {
                gone = requests.remove(id[0]);
            }
            if (gone != null) {
                fail(gone.future, new MqttException(timeoutCode, "no answer about '" + gone.filter + "' within "
                        + timeoutMillis + " ms"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        id[0] = requests.add(new Request(request.filter, request.qos, request.future, timeout));
        if (id[0] == 0) {
            timeout.cancel(false);
            throw new IllegalStateException("all 65535 packet ids are in use");
        }
        c.send(packet.apply(id[0]));
    }

    private Connection requireConnected() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("the client is closed");
        }
        if (state != State.CONNECTED || connection == null) {
            throw new IllegalStateException("not connected");
        }
        return connection;
    }

    boolean isConnected() {
        synchronized (lock) {
            return state == State.CONNECTED;
        }
    }

    // ---- Ending

    CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ConnectAttempt cancelled = null;
        Connection toClose = null;
        CompletableFuture<Void> abandonedConnect;
        synchronized (lock) {
            switch (state) {
                case CONNECTED -> {
                    state = State.DISCONNECTING;
                    disconnected = done;
                    Connection c = connection;
                    MqttException ok = new MqttException(MqttErrorCode.OK, "disconnected by the application");
                    c.send(DisconnectPacket.INSTANCE, closeWhenWritten(c, ok));
                    // A server that stops reading must not keep us from disconnecting.
                    executors.timer.schedule(() -> c.close(ok), options.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    return done;
                }
                case CONNECTING, RECONNECT_WAIT -> {
                    cancelled = attempt;
                    attempt = null;
                    if (reconnectTask != null) {
                        reconnectTask.cancel(false);
                        reconnectTask = null;
                    }
                    toClose = connection;
                    connection = null;
                    state = State.DISCONNECTED;
                }
                case DISCONNECTING -> {
                    return disconnected != null ? disconnected : CompletableFuture.completedFuture(null);
                }
                case CLOSED -> throw new IllegalStateException("the client is closed");
                default -> throw new IllegalStateException("not connecting or connected");
            }
            abandonedConnect = pendingConnect;
            pendingConnect = null;
        }
        MqttException cause = new MqttException(MqttErrorCode.CLIENT_CLOSED, "connecting stopped by disconnect()");
        if (cancelled != null) {
            cancelled.cancel();
        }
        if (toClose != null) {
            toClose.close(cause);
        }
        if (abandonedConnect != null) {
            fail(abandonedConnect, cause);
        }
        log.info("Stopped connecting '{}'", clientId);
        done.complete(null);
        return done;
    }

    private static Connection.WriteListener closeWhenWritten(Connection c, MqttException cause) {
        return new Connection.WriteListener() {
            @Override
            public void written() {
                c.close(cause);
            }

            @Override
            public void failed(MqttException ignored) {
                c.close(cause);
            }
        };
    }

    void close() {
        Connection open;
        ConnectAttempt cancelled;
        List<Delivery> unfinished = new ArrayList<>();
        List<Request> abandoned;
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        ClientExecutors ex;
        boolean graceful;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            graceful = state == State.CONNECTED;
            state = State.CLOSED;
            open = connection;
            connection = null;
            cancelled = attempt;
            attempt = null;
            if (reconnectTask != null) {
                reconnectTask.cancel(false);
            }
            if (keepAlive != null) {
                keepAlive.stop();
            }
            if (outgoing != null) {
                unfinished.addAll(outgoing.abandon());
            }
            unfinished.addAll(offlineQos0);
            offlineQos0.clear();
            abandoned = requests.clear();
            if (pendingConnect != null) {
                waiting.add(pendingConnect);
            }
            if (disconnected != null) {
                waiting.add(disconnected);
            }
            ex = executors;
        }
        MqttException closed = new MqttException(MqttErrorCode.CLIENT_CLOSED, "the client was closed");
        if (cancelled != null) {
            cancelled.cancel();
        }
        if (open != null) {
            if (graceful) {
                open.send(DisconnectPacket.INSTANCE, closeWhenWritten(open, closed));
                awaitQuietly(open, 2);
            }
            open.close(closed);
        }
        unfinished.forEach(d -> fail(d.future, closed));
        abandoned.forEach(r -> fail(r.future, closed));
        waiting.forEach(f -> fail(f, closed));
        if (ex != null) {
            ex.shutdown();
        }
        if (open != null) {
            awaitQuietly(open, 5);
        }
        synchronized (lock) {
            if (store != null) {
                store.close();
            }
        }
        log.info("Closed client '{}'", clientId);
    }

    private static void awaitQuietly(Connection c, int seconds) {
        try {
            c.awaitThreads(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Completing the application's futures, never on our I/O threads or under the lock

    private <T> void complete(CompletableFuture<T> f, T value) {
        settle(() -> f.complete(value));
    }

    private void fail(CompletableFuture<?> f, Throwable cause) {
        settle(() -> f.completeExceptionally(cause));
    }

    private void settle(Runnable completion) {
        try {
            executors.completions.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() has ended the completion thread; its caller is the one left to run it.
            completion.run();
        }
    }
}
