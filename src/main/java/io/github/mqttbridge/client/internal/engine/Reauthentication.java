package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import java.util.concurrent.CompletableFuture;

/**
 * Re-authentication the client asks for on a live MQTT 5 connection (MQTT 5 section 4.12.1): AUTH 0x19 with the
 * method and fresh data, the server's challenges answered as on connect, until its AUTH 0x00 (success) or a
 * DISCONNECT. One at a time; guarded by the engine's lock.
 */
final class Reauthentication {
    private static final int SUCCESS = 0x00;
    private static final int CONTINUE_AUTHENTICATION = 0x18;
    private static final int REAUTHENTICATE = 0x19;

    private CompletableFuture<Void> pending;

    CompletableFuture<Void> start(Connection c, Negotiated negotiated, Authentication auth) {
        if (negotiated.version() != MqttVersion.MQTT_5 || auth == null) {
            throw new IllegalStateException("re-authentication needs an MQTT 5 connection made with an authenticator");
        }
        if (pending != null) {
            throw new IllegalStateException("a re-authentication is already under way");
        }
        pending = new CompletableFuture<>();
        MqttProperties.Builder b = MqttProperties.builder().add(MqttProperty.AUTHENTICATION_METHOD, auth.method());
        byte[] data = auth.initialData();
        if (data != null) {
            b.add(MqttProperty.AUTHENTICATION_DATA, data);
        }
        c.send(new AuthPacket(REAUTHENTICATE, b.build()));
        return pending;
    }

    /** An AUTH on a connected client: a step of the re-authentication we asked for, or a protocol error. */
    void onAuth(Connection c, AuthPacket packet, Authentication auth, ClientExecutors executors)
            throws ProtocolViolationException {
        if (pending == null || auth == null) {
            throw new ProtocolViolationException("AUTH from the server while the client was not re-authenticating"
                    + " [MQTT-4.12.0-6]");
        }
        if (!auth.method().equals(packet.properties().authenticationMethod())) {
            throw new ProtocolViolationException("AUTH with the authentication method '"
                    + packet.properties().authenticationMethod() + "', not '" + auth.method() + "' [MQTT-4.12.0-5]");
        }
        byte[] data = packet.properties().authenticationData();
        if (packet.reasonCode() == CONTINUE_AUTHENTICATION) {
            EnhancedAuthentication.answer(c, data, auth, executors);
        } else if (packet.reasonCode() == SUCCESS) {
            CompletableFuture<Void> done = pending;
            pending = null;
            executors.callbacks.execute(() -> {
                try {
                    auth.accepted(data);
                    executors.settle(() -> done.complete(null));
                } catch (Exception e) {
                    executors.settle(() -> done.completeExceptionally(e));
                }
            });
        } else {
            throw new ProtocolViolationException("AUTH during re-authentication must continue it (0x18) or end it"
                    + " (0x00), was " + packet);
        }
    }

    /** The connection ended: a re-authentication under way fails with its cause; run the result outside the lock. */
    Runnable connectionEnded(EngineFailure cause) {
        CompletableFuture<Void> failed = pending;
        pending = null;
        return failed == null ? () -> { } : () -> failed.completeExceptionally(cause);
    }
}
