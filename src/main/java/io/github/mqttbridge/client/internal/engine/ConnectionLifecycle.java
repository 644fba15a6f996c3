package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's life: connect attempts over hosts and protocol versions, the reconnect backoff, the keep-alive
 * and the way out (disconnect, close). It decides which connection is current; what flows over it is the
 * {@link ClientEngine}'s. State is guarded by the engine's lock (see {@link ClientEngine} for the threading rule).
 */
final class ConnectionLifecycle {
    /** MQTT 5 reason codes from 0x80 on are failures. */
    private static final int REFUSED = 0x80;
    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycle.class);

    enum State { DISCONNECTED, CONNECTING, CONNECTED, RECONNECT_WAIT, DISCONNECTING, CLOSED }

    /** The engine, as the lifecycle sees it: it handles each connection's packets and hears of its end. */
    interface Events extends Connection.Handler {
        /** A CONNACK accepted the connection: resume the session on it. */
        void accepted(Connection c, ConnAckPacket connAck, MqttVersion version, boolean reconnect);

        /**
         * The current connection ended; called under the lock, in the same step that forgets the connection.
         * Returns what is left to do outside the lock.
         */
        Runnable detached(Connection c, EngineFailure cause);
    }

    private final String clientId;
    private final ServerUri defaultUri;
    private final Object lock;
    private final Events events;
    private final EngineCallbacks<?> callbacks;

    private State state = State.DISCONNECTED;
    private ClientExecutors executors;
    private EngineOptions options;
    private ReconnectBackoff backoff;
    private ConnectAttempt attempt;
    private ScheduledFuture<?> reconnectTask;
    private CompletableFuture<Void> pendingConnect;
    private CompletableFuture<Void> disconnected;
    private boolean everConnected;
    private Connection connection;
    private KeepAlive keepAlive;

    ConnectionLifecycle(String clientId, ServerUri defaultUri, Object lock, Events events,
                        EngineCallbacks<?> callbacks) {
        this.clientId = clientId;
        this.defaultUri = defaultUri;
        this.lock = lock;
        this.events = events;
        this.callbacks = callbacks;
    }

    // ---- Asked by the engine, under the lock

    /** Whether {@code connect} may start now; throws naming the state that forbids it. */
    void requireIdle() {
        switch (state) {
            case CLOSED -> throw new IllegalStateException("the client is closed");
            case CONNECTING -> throw new IllegalStateException("already connecting");
            case RECONNECT_WAIT -> throw new IllegalStateException("already reconnecting; call disconnect() first");
            case CONNECTED, DISCONNECTING -> throw new IllegalStateException("already connected");
            default -> { }
        }
    }

    void start(EngineOptions connectOptions, ClientExecutors clientExecutors, CompletableFuture<Void> result) {
        options = connectOptions;
        executors = clientExecutors;
        backoff = new ReconnectBackoff(options.reconnect().minDelay(), options.reconnect().maxDelay());
        pendingConnect = result;
        startAttempt(false);
    }

    State state() {
        return state;
    }

    /** The connection to send on, or null unless connected. */
    Connection current() {
        return state == State.CONNECTED ? connection : null;
    }

    // ---- Attempts (called by ConnectAttempt)

    private void startAttempt(boolean reconnect) {
        state = State.CONNECTING;
        attempt = new ConnectAttempt(this, new ConnectPlan(clientId, defaultUri, options), reconnect);
        executors.timer.execute(attempt::tryNext);
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

    EngineOptions options() {
        return options;
    }

    Connection.Handler handler() {
        return events;
    }

    ClientExecutors executors() {
        return executors;
    }

    String clientId() {
        return clientId;
    }

    /** Every candidate of the attempt failed: retry later, or give up. */
    void attemptFailed(ConnectAttempt failed, EngineFailure cause) {
        CompletableFuture<Void> result;
        synchronized (lock) {
            if (attempt != failed || state != State.CONNECTING) {
                return;
            }
            attempt = null;
            log.warn("Could not connect as '{}': {}", clientId, cause.getMessage());
            if (failed.reconnect() || options.reconnect().retryInitialConnect()) {
                scheduleReconnect();
                return;
            }
            state = State.DISCONNECTED;
            result = pendingConnect;
            pendingConnect = null;
        }
        executors.settle(() -> result.completeExceptionally(cause));
    }

    private void scheduleReconnect() {
        state = State.RECONNECT_WAIT;
        long delay = backoff.nextDelayMillis(System.nanoTime());
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

    // ---- Events of the connection

    void onConnAck(Connection c, ConnAckPacket connAck) throws ProtocolViolationException {
        ConnectAttempt current;
        synchronized (lock) {
            if (state != State.CONNECTING || attempt == null || !attempt.awaitingConnAck(c)) {
                throw new ProtocolViolationException("CONNACK received when the connection was already accepted");
            }
            current = attempt;
        }
        if (connAck.returnCode() != 0) {
            c.close(current.version() == MqttVersion.MQTT_5 && connAck.returnCode() >= REFUSED
                    ? EngineFailure.connackRefused5(connAck.returnCode(), connAck.properties().reasonString())
                    : EngineFailure.connackRefused(connAck.returnCode()));
            return;
        }
        current.connected();
        CompletableFuture<Void> result;
        synchronized (lock) {
            if (attempt != current || connection != c) {
                return;
            }
            everConnected = true;
            state = State.CONNECTED;
            attempt = null;
            result = pendingConnect;
            pendingConnect = null;
            backoff.connected(System.nanoTime());
            events.accepted(c, connAck, current.version(), current.reconnect());
            // An MQTT 5 server may set the keep-alive; the client must then use its value [MQTT-3.2.2-21].
            Integer serverKeepAlive = connAck.properties().serverKeepAlive();
            long keepAliveMillis = serverKeepAlive != null ? serverKeepAlive * 1000L
                    : options.keepAliveInterval().toMillis();
            if (keepAliveMillis > 0) {
                keepAlive = new KeepAlive(c, keepAliveMillis, executors.callbacks::producerWaiting, executors.timer);
            }
        }
        if (result != null) {
            executors.settle(() -> result.complete(null));
        }
        String uri = c.uri();
        executors.callbacks.execute(() -> callbacks.connected(current.reconnect(), uri));
    }

    /** A connection ended; tells the engine and the application, and reconnects when that is wanted. */
    void onClosed(Connection c, EngineFailure cause) {
        ConnectAttempt failedAttempt = null;
        boolean lost;
        boolean byUser;
        CompletableFuture<Void> whenDisconnected;
        Runnable afterDetach;
        synchronized (lock) {
            if (c != connection) {
                return;
            }
            connection = null;
            afterDetach = events.detached(c, cause);
            stopKeepAlive();
            lost = state == State.CONNECTED || state == State.DISCONNECTING;
            byUser = state == State.DISCONNECTING;
            whenDisconnected = disconnected;
            disconnected = null;
            if (state == State.CONNECTING) {
                failedAttempt = attempt;
            } else if (lost && !byUser && options.reconnect().enabled()) {
                scheduleReconnect();
            } else if (state != State.CLOSED) {
                state = State.DISCONNECTED;
            }
        }
        afterDetach.run();
        if (failedAttempt != null) {
            failedAttempt.connectionFailed(c, cause);
            return;
        }
        if (lost) {
            reportLost(c.uri(), cause, byUser);
        }
        if (whenDisconnected != null) {
            executors.settle(() -> whenDisconnected.complete(null));
        }
    }

    private void reportLost(String uri, EngineFailure cause, boolean byUser) {
        if (byUser) {
            log.info("Disconnected from {}", uri);
        } else {
            log.warn("Connection to {} lost: {}", uri, cause.getMessage());
        }
        executors.callbacks.execute(() -> callbacks.connectionLost(byUser ? null : cause, uri, byUser));
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.stop();
            keepAlive = null;
        }
    }

    // ---- The way out

    CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            switch (state) {
                case CONNECTED -> {
                    state = State.DISCONNECTING;
                    disconnected = done;
                    sendDisconnect(connection, new EngineFailure(EngineFailure.Kind.OK,
                            "disconnected by the application"));
                    return done;
                }
                case DISCONNECTING -> {
                    return disconnected != null ? disconnected : CompletableFuture.completedFuture(null);
                }
                case CLOSED -> throw new IllegalStateException("the client is closed");
                case DISCONNECTED -> throw new IllegalStateException("not connecting or connected");
                default -> { }
            }
        }
        abandonConnecting();
        done.complete(null);
        return done;
    }

    /** disconnect() while connecting or waiting to reconnect: stop, and fail the connect() still waiting. */
    private void abandonConnecting() {
        ConnectAttempt cancelled;
        Connection toClose;
        CompletableFuture<Void> abandonedConnect;
        synchronized (lock) {
            cancelled = stopConnecting();
            toClose = connection;
            connection = null;
            state = State.DISCONNECTED;
            abandonedConnect = pendingConnect;
            pendingConnect = null;
        }
        EngineFailure cause = new EngineFailure(EngineFailure.Kind.CLIENT_CLOSED, "connecting stopped by disconnect()");
        if (cancelled != null) {
            cancelled.cancel();
        }
        if (toClose != null) {
            toClose.close(cause);
        }
        if (abandonedConnect != null) {
            executors.settle(() -> abandonedConnect.completeExceptionally(cause));
        }
        log.info("Stopped connecting '{}'", clientId);
    }

    /** Sends DISCONNECT and closes once written; a server that stops reading must not keep us waiting. */
    private void sendDisconnect(Connection c, EngineFailure cause) {
        c.send(DisconnectPacket.INSTANCE, new Connection.WriteListener() {
            @Override
            public void written() {
                c.close(cause);
            }

            @Override
            public void failed(EngineFailure ignored) {
                c.close(cause);
            }
        });
        executors.timer.schedule(() -> c.close(cause), options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private ConnectAttempt stopConnecting() {
        ConnectAttempt cancelled = attempt;
        attempt = null;
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
            reconnectTask = null;
        }
        return cancelled;
    }

    /** What {@link #close} leaves: the futures still waiting on the lifecycle, and the connection it closed. */
    record Closing(List<CompletableFuture<Void>> waiting, Connection closed) {
    }

    /** Ends the lifecycle for good, a connected client saying DISCONNECT first; null when it was closed already. */
    Closing close(EngineFailure closed) {
        Connection open;
        ConnectAttempt cancelled;
        boolean graceful;
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        synchronized (lock) {
            if (state == State.CLOSED) {
                return null;
            }
            graceful = state == State.CONNECTED;
            state = State.CLOSED;
            open = connection;
            connection = null;
            cancelled = stopConnecting();
            stopKeepAlive();
            if (pendingConnect != null) {
                waiting.add(pendingConnect);
            }
            if (disconnected != null) {
                waiting.add(disconnected);
            }
        }
        if (cancelled != null) {
            cancelled.cancel();
        }
        if (open != null) {
            if (graceful) {
                sendDisconnect(open, closed);
                awaitQuietly(open, 2);
            }
            open.close(closed);
        }
        return new Closing(waiting, open);
    }

    /** Waits for the threads of the connection closed by {@link #close}, once the client's own threads are done. */
    void awaitClosed(Connection c) {
        if (c != null) {
            awaitQuietly(c, 5);
        }
    }

    private static void awaitQuietly(Connection c, int seconds) {
        try {
            c.awaitThreads(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
