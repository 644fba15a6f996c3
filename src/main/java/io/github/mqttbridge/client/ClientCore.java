package io.github.mqttbridge.client;

import io.github.mqttbridge.client.codec.MqttVersion;
import io.github.mqttbridge.client.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.codec.packet.MqttPacket;
import io.github.mqttbridge.client.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.codec.packet.PublishPacket;
import io.github.mqttbridge.client.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.codec.packet.UnsubscribePacket;
import io.github.mqttbridge.client.internal.Connection;
import io.github.mqttbridge.client.internal.KeepAlive;
import io.github.mqttbridge.client.session.IncomingQosFlows;
import io.github.mqttbridge.client.session.OutgoingQosFlows;
import io.github.mqttbridge.client.session.PacketIdPool;
import io.github.mqttbridge.client.session.PendingRequests;
import io.github.mqttbridge.client.session.ProtocolViolationException;
import io.github.mqttbridge.client.transport.ServerUri;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link MqttClient}: the connection state machine, the session, and the routing of packets
 * between them. All state is guarded by one lock, held only for short, non-blocking steps; the application's
 * callbacks and futures are always completed outside it, on the client's own threads.
 */
final class ClientCore implements Connection.Handler {
    private static final Logger log = LoggerFactory.getLogger(ClientCore.class);

    enum State { DISCONNECTED, CONNECTING, CONNECTED, DISCONNECTING, CLOSED }

    /** An outbound message and the future its sender holds. */
    private record Delivery(MqttMessage message, CompletableFuture<Void> future) {
    }

    /** A SUBSCRIBE or UNSUBSCRIBE awaiting its acknowledgement. */
    private record Request(List<String> filters, CompletableFuture<Integer> future, ScheduledFuture<?> timeout) {
    }

    private final String clientId;
    private final ServerUri defaultUri;
    private final ClientCallbacks callbacks;
    private final Object lock = new Object();

    // Valid for the client.
    private State state = State.DISCONNECTED;
    private ClientExecutors executors;

    // Valid for the session.
    private final PacketIdPool ids = new PacketIdPool();
    private OutgoingQosFlows<Delivery> outgoing;
    private final IncomingQosFlows incoming = new IncomingQosFlows();
    private final PendingRequests<Request> requests = new PendingRequests<>(ids);

    // Valid for the connection.
    private ConnectOptions options;
    private ConnectAttempt attempt;
    private Connection connection;
    private KeepAlive keepAlive;
    private boolean everConnected;
    private CompletableFuture<Void> disconnected;

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
                case CONNECTED, DISCONNECTING -> throw new IllegalStateException("already connected");
                default -> { }
            }
            if (executors == null) {
                executors = new ClientExecutors(clientId, connectOptions);
            }
            if (outgoing == null) {
                outgoing = new OutgoingQosFlows<>(ids, connectOptions.maxInflight());
            }
            options = connectOptions;
            state = State.CONNECTING;
            attempt = new ConnectAttempt(this, candidates(connectOptions), result);
            executors.timer.execute(attempt::tryNext);
        }
        return result;
    }

    private void validateClientId(ConnectOptions o) {
        if (clientId.isEmpty() && !o.cleanSession()) {
            throw new IllegalArgumentException("clientId must not be empty when cleanSession is false: the server"
                    + " needs an id to keep the session under");
        }
        int max = o.mqttVersion().orElse(MqttVersion.MQTT_3_1_1).maxClientIdLength();
        if (o.mqttVersion().orElse(null) == MqttVersion.MQTT_3_1 && clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must not be empty for MQTT 3.1 (mqttVersion 3)");
        }
        if (clientId.length() > max) {
            throw new IllegalArgumentException("clientId must be at most " + max + " characters for mqttVersion "
                    + o.mqttVersion().orElse(MqttVersion.MQTT_3_1_1).level() + ", was " + clientId.length()
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
                // 3.1 allows only 23-character client ids, so a longer one cannot fall back.
                if (clientId.length() <= MqttVersion.MQTT_3_1.maxClientIdLength() && !clientId.isEmpty()) {
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
        char[] password = o.password();
        byte[] passwordBytes = password == null ? null
                : StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)).array();
        if (password != null) {
            passwordBytes = Arrays.copyOf(passwordBytes, new String(password).getBytes(StandardCharsets.UTF_8).length);
            Arrays.fill(password, '\0');
        }
        return new ConnectPacket(version, clientId, o.cleanSession(), (int) o.keepAliveInterval().getSeconds(), will,
                o.userName().orElse(null), passwordBytes);
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
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            if (attempt != current || connection != c) {
                return;
            }
            boolean reconnect = false;
            everConnected = true;
            state = State.CONNECTED;
            attempt = null;
            incoming.onNewConnection();
            if (!connAck.sessionPresent()) {
                incoming.clear();
            }
            for (MqttPacket p : outgoing.resume()) {
                c.send(p);
            }
            long keepAliveMillis = options.keepAliveInterval().toMillis();
            if (keepAliveMillis > 0) {
                keepAlive = new KeepAlive(c, keepAliveMillis, executors.callbacks::producerWaiting, executors.timer);
            }
            log.info("Connected to {} as '{}' (MQTT {}, session present: {})", c.uri(), clientId,
                    current.version(c).protocolName().equals("MQTT") ? "3.1.1" : "3.1", connAck.sessionPresent());
            String uri = c.uri();
            after.add(() -> complete(current.result(), null));
            after.add(() -> executors.callbacks.execute(() -> callbacks.connected(reconnect, uri)));
        }
        after.forEach(Runnable::run);
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

    /** The attempt gave up: every candidate failed. */
    void attemptFailed(ConnectAttempt failed, MqttException cause) {
        synchronized (lock) {
            if (attempt != failed) {
                return;
            }
            attempt = null;
            if (state == State.CONNECTING) {
                state = State.DISCONNECTED;
            }
        }
        log.warn("Could not connect as '{}': {}", clientId, cause.getMessage());
        fail(failed.result(), cause);
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
        switch (packet) {
            case PublishPacket publish -> onPublish(c, publish);
            case PubAckPacket ack -> onOutboundDone(outboundAck(() -> outgoing.onPubAck(ack.packetId())));
            case PubRecPacket rec -> {
                synchronized (lock) {
                    c.send(outgoing.onPubRec(rec.packetId()));
                }
            }
            case PubCompPacket comp -> onOutboundDone(outboundAck(() -> outgoing.onPubComp(comp.packetId())));
            case PubRelPacket rel -> {
                synchronized (lock) {
                    c.send(incoming.onPubRel(rel.packetId()));
                }
            }
            case SubAckPacket subAck -> onSubAck(subAck);
            case UnsubAckPacket unsubAck -> onUnsubAck(unsubAck);
            case io.github.mqttbridge.client.codec.packet.PingRespPacket ping -> { }
            default -> throw new ProtocolViolationException("a server must not send " + packet.type());
        }
    }

    private interface AckStep {
        OutgoingQosFlows.Flight<Delivery> apply() throws ProtocolViolationException;
    }

    private OutgoingQosFlows.Flight<Delivery> outboundAck(AckStep step) throws ProtocolViolationException {
        synchronized (lock) {
            OutgoingQosFlows.Flight<Delivery> done = step.apply();
            if (connection != null && state == State.CONNECTED) {
                for (PublishPacket p : outgoing.fillWindow()) {
                    connection.send(p);
                }
            }
            return done;
        }
    }

    private void onOutboundDone(OutgoingQosFlows.Flight<Delivery> flight) {
        delivered(flight.handle());
    }

    private void delivered(Delivery d) {
        executors.callbacks.execute(() -> callbacks.delivered(d.message));
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
                publish.dup(), manual ? acknowledge : null);
        executors.callbacks.deliver(() -> {
            try {
                callbacks.messageArrived(message);
            } finally {
                if (!manual && acknowledge != null) {
                    acknowledge.run();
                }
            }
        }, publish.payload().length);
    }

    private void acknowledge(IncomingQosFlows.PendingAck ack) {
        synchronized (lock) {
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
        }
        if (r.timeout != null) {
            r.timeout.cancel(false);
        }
        if (subAck.returnCodes().size() != r.filters.size()) {
            fail(r.future, new MqttException(MqttErrorCode.SOCKET_ERROR, "SUBACK holds " + subAck.returnCodes().size()
                    + " return codes for " + r.filters.size() + " topic filters"));
            throw new ProtocolViolationException("SUBACK for packet id " + subAck.packetId() + " holds "
                    + subAck.returnCodes().size() + " return codes, but the SUBSCRIBE had " + r.filters.size()
                    + " topic filters");
        }
        for (int i = 0; i < r.filters.size(); i++) {
            if (subAck.returnCodes().get(i) == SubAckPacket.FAILURE) {
                log.warn("The server refused the subscription to '{}'", r.filters.get(i));
                fail(r.future, MqttException.subscribeRefused(r.filters.get(i)));
                return;
            }
        }
        log.info("Subscribed to {} with granted QoS {}", r.filters, subAck.returnCodes());
        complete(r.future, subAck.returnCodes().get(0));
    }

    private void onUnsubAck(UnsubAckPacket unsubAck) throws ProtocolViolationException {
        Request r;
        synchronized (lock) {
            r = requests.complete(unsubAck.packetId(), "UNSUBACK");
        }
        if (r.timeout != null) {
            r.timeout.cancel(false);
        }
        log.info("Unsubscribed from {}", r.filters);
        complete(r.future, null);
    }

    // ---- Operations

    CompletableFuture<Void> publish(MqttMessage message) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Delivery delivery = new Delivery(message, future);
        PublishPacket now;
        synchronized (lock) {
            Connection c = requireConnected();
            if (message.qos() == 0) {
                c.send(new PublishPacket(message.destinationName(), message.payloadNoCopy(), 0, message.retained(),
                        false, 0), new Connection.WriteListener() {
                    @Override
                    public void written() {
                        delivered(delivery);
                    }

                    @Override
                    public void failed(MqttException cause) {
                        fail(future, cause);
                    }
                });
                return future;
            }
            now = outgoing.submit(message.destinationName(), message.payloadNoCopy(), message.qos(),
                    message.retained(), delivery, true);
            if (now != null) {
                c.send(now);
            }
        }
        return future;
    }

    CompletableFuture<Integer> subscribe(String filter, int qos) {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        synchronized (lock) {
            Connection c = requireConnected();
            int id = sendRequest(c, List.of(filter), future,
                    packetId -> new SubscribePacket(packetId, List.of(new SubscribePacket.Subscription(filter, qos))),
                    MqttErrorCode.SUBSCRIBE_TIMEOUT);
            log.debug("Subscribing to {} with QoS {} (packet id {})", filter, qos, id);
        }
        return future;
    }

    CompletableFuture<Void> unsubscribe(String filter) {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        synchronized (lock) {
            Connection c = requireConnected();
            sendRequest(c, List.of(filter), future, packetId -> new UnsubscribePacket(packetId, List.of(filter)),
                    MqttErrorCode.UNSUBSCRIBE_TIMEOUT);
        }
        return future.thenApply(ignored -> null);
    }

    private int sendRequest(Connection c, List<String> filters, CompletableFuture<Integer> future,
                            java.util.function.IntFunction<MqttPacket> packet, MqttErrorCode timeoutCode) {
        int[] holder = new int[1];
        long timeoutMillis = options.timeout().toMillis();
        ScheduledFuture<?> timeout = executors.timer.schedule(() -> {
            Request gone;
            synchronized (lock) {
                gone = requests.remove(holder[0]);
            }
            if (gone != null) {
                fail(gone.future, new MqttException(timeoutCode, "no answer for " + filters + " within "
                        + timeoutMillis + " ms"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        int id = requests.add(new Request(filters, future, timeout));
        if (id == 0) {
            timeout.cancel(false);
            throw new IllegalStateException("all 65535 packet ids are in use");
        }
        holder[0] = id;
        c.send(packet.apply(id));
        return id;
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
        synchronized (lock) {
            switch (state) {
                case CONNECTED -> {
                    state = State.DISCONNECTING;
                    disconnected = done;
                    Connection c = connection;
                    MqttException ok = new MqttException(MqttErrorCode.OK, "disconnected by the application");
                    c.send(DisconnectPacket.INSTANCE, new Connection.WriteListener() {
                        @Override
                        public void written() {
                            c.close(ok);
                        }

                        @Override
                        public void failed(MqttException cause) {
                            c.close(ok);
                        }
                    });
                    // A server that stops reading must not keep us from disconnecting.
                    executors.timer.schedule(() -> c.close(ok), options.timeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                case CONNECTING -> {
                    cancelled = attempt;
                    attempt = null;
                    toClose = connection;
                    connection = null;
                    state = State.DISCONNECTED;
                    done.complete(null);
                }
                case DISCONNECTING -> {
                    CompletableFuture<Void> pending = disconnected;
                    return pending != null ? pending : CompletableFuture.completedFuture(null);
                }
                case CLOSED -> throw new IllegalStateException("the client is closed");
                default -> throw new IllegalStateException("not connecting or connected");
            }
        }
        if (cancelled != null) {
            MqttException cause = new MqttException(MqttErrorCode.CLIENT_CLOSED, "connect cancelled by disconnect()");
            if (toClose != null) {
                toClose.close(cause);
            }
            fail(cancelled.result(), cause);
        }
        return done;
    }

    void close() {
        Connection open;
        ConnectAttempt cancelled;
        List<Delivery> unfinished;
        List<Request> abandoned;
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
            if (keepAlive != null) {
                keepAlive.stop();
            }
            unfinished = outgoing == null ? List.of() : outgoing.clear();
            abandoned = requests.clear();
            ex = executors;
        }
        MqttException closed = new MqttException(MqttErrorCode.CLIENT_CLOSED, "the client was closed");
        if (open != null && graceful) {
            closeAfterDisconnect(open, closed);
        } else if (open != null) {
            open.close(closed);
        }
        if (cancelled != null) {
            cancelled.cancel();
            fail(cancelled.result(), closed);
        }
        unfinished.forEach(d -> fail(d.future, closed));
        abandoned.forEach(r -> fail(r.future, closed));
        if (ex != null) {
            ex.shutdown();
        }
        if (open != null) {
            try {
                open.awaitThreads(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("Closed client '{}'", clientId);
    }

    /** Says goodbye with DISCONNECT when the connection still works, waiting briefly for it to leave. */
    private static void closeAfterDisconnect(Connection c, MqttException cause) {
        c.send(DisconnectPacket.INSTANCE, new Connection.WriteListener() {
            @Override
            public void written() {
                c.close(cause);
            }

            @Override
            public void failed(MqttException ignored) {
                c.close(cause);
            }
        });
        try {
            c.awaitThreads(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c.close(cause);
    }

    // ---- Completing the application's futures, never on our I/O threads or under the lock

    private <T> void complete(CompletableFuture<T> f, T value) {
        settle(() -> f.complete(value));
    }

    private void fail(CompletableFuture<?> f, Throwable cause) {
        settle(() -> f.completeExceptionally(cause));
    }

    private void settle(Runnable completion) {
        ClientExecutors ex = executors;
        try {
            ex.completions.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() is ending the threads; the caller of close() is the one left to run it.
            completion.run();
        }
    }
}
