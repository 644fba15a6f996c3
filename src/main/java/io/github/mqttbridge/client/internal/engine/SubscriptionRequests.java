package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.ReasonCode;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's SUBSCRIBE and UNSUBSCRIBE requests: each caller's future, its timeout, and the answer that settles
 * it. The session is touched only under the engine's lock (see {@link ClientEngine} for the threading rule).
 */
final class SubscriptionRequests {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionRequests.class);

    /** What is kept of a request: its caller's future and its timeout. */
    static final class Pending {
        final CompletableFuture<Integer> future = new CompletableFuture<>();
        private ScheduledFuture<?> timeout;

        void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    private final Object lock;
    private final Session<?, Pending> session;
    private final ClientExecutors executors;
    private final Supplier<Duration> timeout;

    SubscriptionRequests(Object lock, Session<?, Pending> session, ClientExecutors executors,
                         Supplier<Duration> timeout) {
        this.lock = lock;
        this.session = session;
        this.executors = executors;
        this.timeout = timeout;
    }

    /** A subscription made again after reconnecting: no one waits on it, so a failure is logged. */
    static Pending renewal(String filter) {
        Pending renewal = new Pending();
        renewal.future.whenComplete((granted, error) -> {
            if (error != null) {
                log.error("Could not subscribe again to '{}' after reconnecting: {}", filter, error.getMessage());
            }
        });
        return renewal;
    }

    /** Under the lock, on a connected client; {@code identifier} 0 for none. */
    CompletableFuture<Integer> subscribe(Connection c, SubscribePacket.Subscription subscription, int identifier) {
        Pending pending = new Pending();
        SubscribePacket packet = session.subscribe(subscription, identifier, pending);
        send(c, packet, packet.packetId(), pending, subscription.filter(), EngineFailure.Kind.SUBSCRIBE_TIMEOUT);
        return pending.future;
    }

    /** Under the lock, on a connected client. */
    CompletableFuture<Void> unsubscribe(Connection c, String filter) {
        Pending pending = new Pending();
        UnsubscribePacket packet = session.unsubscribe(filter, pending);
        send(c, packet, packet.packetId(), pending, filter, EngineFailure.Kind.UNSUBSCRIBE_TIMEOUT);
        return pending.future.thenApply(ignored -> null);
    }

    /** Under the lock: the subscriptions the session makes again on a connection without a session. */
    void renew(Connection c, List<Session.Renewal<Pending>> renewals) {
        for (Session.Renewal<Pending> r : renewals) {
            send(c, r.packet(), r.packet().packetId(), r.handle(), r.filter(), EngineFailure.Kind.SUBSCRIBE_TIMEOUT);
        }
    }

    /** Sends a SUBSCRIBE or UNSUBSCRIBE and fails its future if the server does not answer in time. */
    private void send(Connection c, MqttPacket packet, int packetId, Pending pending, String filter,
                      EngineFailure.Kind timeoutKind) {
        long timeoutMillis = timeout.get().toMillis();
        pending.timeout = executors.timer.schedule(() -> {
            Session.Request<Pending> gone;
            synchronized (lock) {
                gone = session.timedOut(packetId);
            }
            if (gone != null) {
                fail(gone.handle(), new EngineFailure(timeoutKind, "no answer about '" + filter + "' within "
                        + timeoutMillis + " ms"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        c.send(packet);
    }

    void onSubAck(SubAckPacket subAck) throws ProtocolViolationException {
        Session.Granted<Pending> granted;
        synchronized (lock) {
            try {
                granted = session.onSubAck(subAck);
            } catch (ProtocolViolationException e) {
                // A SUBACK that breaks the rules still ends the wait of the request it names.
                Session.Request<Pending> r = session.timedOut(subAck.packetId());
                if (r != null) {
                    fail(r.handle(), new EngineFailure(EngineFailure.Kind.SOCKET_ERROR, e.getMessage()));
                }
                throw e;
            }
        }
        String filter = granted.request().filter();
        if (granted.refused()) {
            EngineFailure refused = granted.code() == SubAckPacket.FAILURE && subAck.properties().isEmpty()
                    ? EngineFailure.subscribeRefused(filter)
                    : EngineFailure.subscribeRefused5(filter, granted.code(), subAck.properties().reasonString());
            log.warn("{}", refused.detail());
            fail(granted.request().handle(), refused);
            return;
        }
        log.info("Subscribed to '{}' with QoS {} (granted {})", filter, granted.request().qos(), granted.code());
        complete(granted.request().handle(), granted.code());
    }

    void onUnsubAck(UnsubAckPacket unsubAck) throws ProtocolViolationException {
        Session.Request<Pending> r;
        synchronized (lock) {
            r = session.onUnsubAck(unsubAck);
        }
        int code = unsubAck.reasonCodes().isEmpty() ? 0 : unsubAck.reasonCodes().get(0);
        if (code >= SubAckPacket.FAILURE) {
            log.warn("The server refused to unsubscribe '{}' (UNSUBACK reason code {}{}); it may keep sending what"
                    + " the subscription matches", r.filter(), ReasonCode.describe(PacketType.UNSUBACK, code),
                    unsubAck.properties().reasonString() == null ? "" : ": " + unsubAck.properties().reasonString());
        } else {
            log.info("Unsubscribed from '{}'", r.filter());
        }
        complete(r.handle(), null);
    }

    /** Fails the requests a lost connection carried; run outside the lock. */
    void abandoned(List<Session.Request<Pending>> requests, EngineFailure cause) {
        requests.forEach(r -> fail(r.handle(), new EngineFailure(cause.kind(),
                "connection lost before the server answered: " + cause.getMessage(), cause)));
    }

    /** Fails the requests a closing client leaves. */
    void closed(List<Pending> requests, EngineFailure closed) {
        requests.forEach(p -> fail(p, closed));
    }

    private void complete(Pending p, Integer granted) {
        p.cancelTimeout();
        executors.settle(() -> p.future.complete(granted));
    }

    private void fail(Pending p, EngineFailure cause) {
        p.cancelTimeout();
        executors.settle(() -> p.future.completeExceptionally(cause));
    }
}
