package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import io.github.mqttbridge.client.internal.transport.Transport;
import io.github.mqttbridge.client.internal.transport.TransportOptions;
import io.github.mqttbridge.client.internal.transport.Transports;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of connect(): walks the candidate servers in order, each with MQTT 3.1.1 and, when the version was
 * not fixed, 3.1 after it, until a CONNACK accepts us or every candidate failed. Each try must reach its CONNACK
 * within the connect timeout. Runs on the client's timer thread; what ends a try may come from any thread.
 */
final class ConnectAttempt {
    private static final Logger log = LoggerFactory.getLogger(ConnectAttempt.class);
    private static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;

    /** A server and a protocol version to try; {@code fallback} tries are made only if the one before suggests it. */
    record Candidate(ServerUri uri, MqttVersion version, boolean fallback) {
    }

    private final ConnectionLifecycle lifecycle;
    private final ConnectPlan plan;
    private final List<Candidate> candidates;
    private final boolean reconnect;
    private int next;
    private volatile boolean cancelled;
    private volatile boolean fallbackWorthwhile;
    private volatile EngineFailure lastError;
    private volatile Connection current;
    private volatile Candidate currentCandidate;
    private volatile ScheduledFuture<?> connAckTimeout;

    ConnectAttempt(ConnectionLifecycle lifecycle, ConnectPlan plan, boolean reconnect) {
        this.lifecycle = lifecycle;
        this.plan = plan;
        this.candidates = plan.candidates();
        this.reconnect = reconnect;
    }

    /** Whether this attempt restores a connection that was lost, rather than the application's connect(). */
    boolean reconnect() {
        return reconnect;
    }

    void tryNext() {
        while (!cancelled) {
            if (next >= candidates.size()) {
                lifecycle.attemptFailed(this, lastError != null ? lastError
                        : new EngineFailure(EngineFailure.Kind.SOCKET_ERROR, "no server to connect to"));
                return;
            }
            Candidate candidate = candidates.get(next++);
            if (candidate.fallback && !fallbackWorthwhile) {
                continue;
            }
            EngineOptions options = lifecycle.options();
            Transport transport;
            try {
                transport = Transports.open(candidate.uri, new TransportOptions(options.timeout(),
                        options.tls().context(), options.tls().hostnameVerification(),
                        candidate.version.webSocketSubprotocol(), options.tls().alpnProtocols()));
            } catch (IOException e) {
                log.info("Could not reach {}: {}", candidate.uri, e.getMessage());
                lastError = new EngineFailure(EngineFailure.Kind.SOCKET_ERROR, "could not connect to " + candidate.uri
                        + ": " + e.getMessage(), e);
                fallbackWorthwhile = false;
                continue;
            }
            Connection connection = new Connection(transport, candidate.uri.toString(), candidate.version,
                    options.flow().maxInboundPacketSize(), "mqtt-" + lifecycle.clientId(), lifecycle.handler());
            currentCandidate = candidate;
            current = connection;
            if (!lifecycle.adoptConnection(this, connection)) {
                transport.close();
                return;
            }
            long timeoutMillis = options.timeout().toMillis();
            connAckTimeout = lifecycle.executors().timer.schedule(() -> connection.close(new EngineFailure(EngineFailure.Kind.CONNECT_TIMEOUT, "no CONNACK from " + candidate.uri + " within " + timeoutMillis
                            + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
            connection.start();
            connection.send(plan.connectPacket(candidate.version));
            return;
        }
    }

    boolean awaitingConnAck(Connection connection) {
        return current == connection;
    }

    MqttVersion version() {
        return currentCandidate.version;
    }

    /** The CONNACK accepted us. */
    void connected() {
        ScheduledFuture<?> t = connAckTimeout;
        if (t != null) {
            t.cancel(false);
        }
        current = null;
    }

    /** The try on {@code connection} ended before it was accepted; go on with the next candidate. */
    void connectionFailed(Connection connection, EngineFailure cause) {
        if (connection != current) {
            return;
        }
        ScheduledFuture<?> t = connAckTimeout;
        if (t != null) {
            t.cancel(false);
        }
        current = null;
        lastError = cause;
        // A server that does not speak the version says so with return code 1 (MQTT 3) or reason code 0x84
        // (MQTT 5), or just hangs up or stays silent.
        fallbackWorthwhile = cause.kind() == EngineFailure.Kind.CONNACK_RETURNCODE
                ? cause.returnCode() == 1 || cause.reasonCode() == UNSUPPORTED_PROTOCOL_VERSION
                : cause.kind() == EngineFailure.Kind.SOCKET_CLOSE || cause.kind() == EngineFailure.Kind.CONNECT_TIMEOUT;
        if (cause.kind() == EngineFailure.Kind.CONNACK_RETURNCODE) {
            log.warn("{} refused the connection: {}", currentCandidate.uri, cause.getMessage());
        } else {
            log.info("Connecting to {} failed: {}", currentCandidate.uri, cause.getMessage());
        }
        if (!cancelled) {
            lifecycle.executors().timer.execute(this::tryNext);
        }
    }

    void cancel() {
        cancelled = true;
        ScheduledFuture<?> t = connAckTimeout;
        if (t != null) {
            t.cancel(false);
        }
    }
}
