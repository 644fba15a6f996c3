package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.engine.Negotiated;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;
import io.github.mqttbridge.client.internal.datatypes.TopicName;
import io.github.mqttbridge.client.internal.engine.ClientEngine;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An MQTT 3.1 / 3.1.1 client over TCP, TLS or WebSocket, with the API of the Eclipse Paho JavaScript client in
 * Java idiom: operations return {@link CompletableFuture}s, events go to the callbacks set with the
 * {@code on...} methods. Wrong arguments throw {@link IllegalArgumentException} and calls in the wrong state
 * {@link IllegalStateException} at once, before anything is sent; failures on the wire complete the future
 * exceptionally with an {@link MqttException}.
 *
 * <p>Callbacks run one at a time, in order, on a thread of the client's own: never on the thread reading the
 * socket, never under a lock of the client. A callback may wait on a future of this client. Call {@link #close()}
 * when done: it ends every thread the client started.
 */
public final class MqttClient implements AutoCloseable {
    /** Called when a connection is accepted; {@code reconnect} is true when the client reconnected on its own. */
    @FunctionalInterface
    public interface ConnectedListener {
        void connected(boolean reconnect, String uri);
    }

    private final ServerUri uri;
    private final String clientId;
    private final ClientEngine<MqttMessage> core;
    private final EngineAdapter listeners = new EngineAdapter();

    /** A client for {@code tcp://host:port}. */
    public MqttClient(String host, int port, String clientId) {
        this(new ServerUri(ServerUri.Scheme.TCP, requireHost(host), requirePort(port), ""), clientId);
    }

    /** A client for {@code ws://host:port/path}, as Paho's four-argument constructor. */
    public MqttClient(String host, int port, String path, String clientId) {
        this(new ServerUri(ServerUri.Scheme.WS, requireHost(host), requirePort(port), requirePath(path)), clientId);
    }

    /** A client for a URI: {@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://}. */
    public MqttClient(String uri, String clientId) {
        this(ServerUri.parse(uri, "uri"), clientId);
    }

    private MqttClient(ServerUri uri, String clientId) {
        if (clientId == null) {
            throw new IllegalArgumentException("clientId must not be null (use \"\" to let the server choose one)");
        }
        String problem = io.github.mqttbridge.client.internal.datatypes.MqttUtf8.problem(clientId);
        if (problem != null) {
            throw new IllegalArgumentException("clientId " + problem);
        }
        this.uri = uri;
        this.clientId = clientId;
        this.core = new ClientEngine<>(clientId, uri, listeners);
    }

    /**
     * Checks a server URI as the client takes it ({@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://}
     * with a host); the {@link IllegalArgumentException} names {@code parameter} and says what is wrong.
     */
    public static void checkServerUri(String uri, String parameter) {
        ServerUri.parse(uri, parameter);
    }

    private static String requireHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty, was " + (host == null ? "null" : "'" + host + "'"));
        }
        return host;
    }

    private static int requirePort(int port) {
        return (int) Arguments.between(port, 1, 65535, "", "port");
    }

    private static String requirePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was " + (path == null ? "null" : "'" + path + "'"));
        }
        return path;
    }

    /**
     * The client id: the one this client was created with, or, once connected with an empty one to an MQTT 5 server,
     * the one the server assigned.
     */
    public String clientId() {
        Negotiated n = core.negotiated();
        return n == null ? clientId : n.clientId();
    }

    /**
     * The response information an MQTT 5 server gave the last accepted connection (asked for with
     * {@code requestResponseInformation(true)}): a topic prefix for request/response; null when there is none.
     */
    public String responseInformation() {
        Negotiated n = core.negotiated();
        return n == null ? null : n.responseInformation();
    }

    /** The protocol version the last accepted connection speaks: 3 (MQTT 3.1), 4 (3.1.1) or 5; 0 before any. */
    public int mqttVersion() {
        Negotiated n = core.negotiated();
        return n == null ? 0 : n.version().level();
    }

    public String host() {
        return uri.host();
    }

    public int port() {
        return uri.port();
    }

    /** The WebSocket path, or "" for TCP and TLS. */
    public String path() {
        return uri.path();
    }

    public String uri() {
        return uri.toString();
    }

    public MqttClient onConnected(ConnectedListener listener) {
        listeners.onConnected = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Called once per lost connection, and with {@link MqttErrorCode#OK} after {@link #disconnect()}. */
    public MqttClient onConnectionLost(Consumer<ConnectionLost> listener) {
        listeners.onConnectionLost = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public MqttClient onMessageArrived(Consumer<MqttMessage> listener) {
        listeners.onMessageArrived = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Called when a sent message is delivered: QoS 0 once written, QoS 1 on PUBACK, QoS 2 on PUBCOMP. */
    public MqttClient onMessageDelivered(Consumer<MqttMessage> listener) {
        listeners.onMessageDelivered = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Connects with the given options; completes when a server accepted us, or fails when none did. */
    public CompletableFuture<Void> connect(ConnectOptions options) {
        return EngineAdapter.api(core.connect(Objects.requireNonNull(options, "options").engine()));
    }

    /** Connects with the default options. */
    public CompletableFuture<Void> connect() {
        return connect(ConnectOptions.defaults());
    }

    /**
     * Subscribes to a topic filter; completes with the QoS the server granted, or fails with
     * {@link MqttErrorCode#SUBSCRIBE_FAILED} when the server refused it (return code 0x80).
     */
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        MqttMessage.requireQos(qos, "qos");
        return subscribe(filter, SubscribeOptions.qos(qos));
    }

    /**
     * Subscribes with MQTT 5 subscription options (an MQTT 3 connection sends only the QoS); completes with the QoS
     * granted, or fails with {@link MqttErrorCode#SUBSCRIBE_FAILED} and the server's
     * {@link MqttException#reasonCode()} when the server refused it.
     */
    public CompletableFuture<Integer> subscribe(String filter, SubscribeOptions options) {
        TopicFilter.require(filter, "filter");
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (options.noLocal() && filter.startsWith("$share/")) {
            throw new IllegalArgumentException("noLocal must not be set on a shared subscription ('" + filter
                    + "') [MQTT-3.8.3-4]");
        }
        return EngineAdapter.api(core.subscribe(new SubscribePacket.Subscription(filter, options.qos(),
                options.noLocal(), options.retainAsPublished(), options.retainHandling()),
                options.subscriptionIdentifier().orElse(0)));
    }

    public CompletableFuture<Void> unsubscribe(String filter) {
        TopicFilter.require(filter, "filter");
        return EngineAdapter.api(core.unsubscribe(filter));
    }

    /** Sends a message; completes when it is delivered (QoS 0: written, QoS 1: PUBACK, QoS 2: PUBCOMP). */
    public CompletableFuture<Void> send(MqttMessage message) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        if (message.destinationName() == null) {
            throw new IllegalArgumentException("message.destinationName must be set before sending");
        }
        return EngineAdapter.api(core.publish(message.destinationName(), message.payloadNoCopy(), message.qos(),
                message.retained(), MessageProperties.of(message), message));
    }

    /**
     * Begins a batch of writes on the calling thread: what it sends until the batch is closed waits in the client's
     * queue and leaves in as few socket writes as fit, instead of one write (and one wake-up of the writing thread)
     * per message. For a thread that sends many messages at once, as a Kafka sink does with each batch of records;
     * a single message gains nothing. Close the batch on the same thread (try-with-resources); batches nest. Packets
     * of other threads, and the client's own (acknowledgements, pings), are not held.
     *
     * <p>Before the thread waits for a publish to complete, or for room that only completions make, it should call
     * {@link WriteBatch#flush()}: a held message is not sent, so it cannot be acknowledged.
     */
    public WriteBatch batchWrites() {
        core.holdWrites();
        return new WriteBatch(core);
    }

    /** A batch of writes of one thread, from {@link #batchWrites()}; closing it writes what it held. */
    public static final class WriteBatch implements AutoCloseable {
        private final ClientEngine<MqttMessage> core;
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private WriteBatch(ClientEngine<MqttMessage> core) {
            this.core = core;
        }

        /** Writes what the batch holds so far and goes on holding. */
        public void flush() {
            core.flushWrites();
        }

        /** Ends the batch and writes what it held; a second close does nothing. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a write batch must be closed on the thread that began it ("
                        + owner.getName() + ")");
            }
            closed = true;
            core.releaseWrites();
        }
    }

    /** Publishes a payload to a topic; the same as {@link #send} with a message built from the arguments. */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        TopicName.require(topic, "topic");
        MqttMessage.requireQos(qos, "qos");
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        return send(MqttMessage.outbound(topic, payload.clone(), qos, retained));
    }

    /**
     * MQTT 5: authenticates again on the live connection with the {@link MqttAuthenticator} it was made with (a
     * fresh token, say); completes when the server accepted, fails if the server ends the connection instead.
     */
    public CompletableFuture<Void> reauthenticate() {
        return EngineAdapter.api(core.reauthenticate());
    }

    public boolean isConnected() {
        return core.isConnected();
    }

    /**
     * Sends DISCONNECT and closes the connection; the server then discards the will. Unacknowledged QoS 1 and
     * 2 messages stay in the session and are sent again by the next connect.
     */
    public CompletableFuture<Void> disconnect() {
        return EngineAdapter.api(core.disconnect());
    }

    /** Disconnects if connected, fails what is still pending, and ends every thread of this client. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "MqttClient[" + clientId + " @ " + uri + "]";
    }
}
