package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;

/**
 * The client's side of MQTT 5 enhanced authentication (MQTT 5 section 4.12) on one connection attempt: each AUTH
 * "continue authentication" the server sends before CONNACK is answered by the application's {@link Authentication},
 * and a CONNACK that accepted us is shown to it too. The application's code runs on the callback thread, never on
 * the reader thread; if it throws, the server is told with DISCONNECT 0x87 and the attempt ends.
 */
final class EnhancedAuthentication {
    private static final int CONTINUE_AUTHENTICATION = 0x18;
    private static final int NOT_AUTHORIZED = 0x87;

    private EnhancedAuthentication() {
    }

    /**
     * A CONNACK may name an authentication method only when the CONNECT did [MQTT-4.12.0-6]; {@code auth} null when
     * the CONNECT asked for no enhanced authentication.
     */
    static void checkConnAck(MqttProperties connAck, Authentication auth) throws ProtocolViolationException {
        String method = connAck.authenticationMethod();
        if (auth == null && method != null) {
            throw new ProtocolViolationException("CONNACK with the authentication method '" + method
                    + "' from a server we asked for no enhanced authentication [MQTT-4.12.0-6]");
        }
    }

    /** An AUTH before CONNACK; {@code auth} null when the CONNECT asked for no enhanced authentication. */
    static void onChallenge(Connection c, AuthPacket packet, Authentication auth, ClientExecutors executors)
            throws ProtocolViolationException {
        if (auth == null) {
            throw new ProtocolViolationException("AUTH from a server we asked for no enhanced authentication"
                    + " [MQTT-4.12.0-6]");
        }
        if (packet.reasonCode() != CONTINUE_AUTHENTICATION) {
            throw new ProtocolViolationException("AUTH before CONNACK must continue the authentication (0x18), was "
                    + packet);
        }
        if (!auth.method().equals(packet.properties().authenticationMethod())) {
            throw new ProtocolViolationException("AUTH with the authentication method '"
                    + packet.properties().authenticationMethod() + "', not the CONNECT's '" + auth.method()
                    + "' [MQTT-4.12.0-5]");
        }
        answer(c, packet.properties().authenticationData(), auth, executors);
    }

    /** Answers a challenge on the callback thread with the application's response. */
    static void answer(Connection c, byte[] challenge, Authentication auth, ClientExecutors executors) {
        executors.callbacks.execute(() -> {
            try {
                byte[] response = auth.challenge(challenge);
                MqttProperties.Builder b = MqttProperties.builder().add(MqttProperty.AUTHENTICATION_METHOD,
                        auth.method());
                if (response != null) {
                    b.add(MqttProperty.AUTHENTICATION_DATA, response);
                }
                c.send(new AuthPacket(CONTINUE_AUTHENTICATION, b.build()));
            } catch (Exception e) {
                c.refuse(NOT_AUTHORIZED, failed("could not answer the server's challenge", e));
            }
        });
    }

    /** The CONNACK accepted us: the application may check the server's final data. */
    static void onAccepted(Connection c, MqttProperties connAck, Authentication auth, ClientExecutors executors) {
        if (auth == null) {
            return;
        }
        byte[] data = connAck.authenticationData();
        executors.callbacks.execute(() -> {
            try {
                auth.accepted(data);
            } catch (Exception e) {
                c.refuse(NOT_AUTHORIZED, failed("did not accept the server", e));
            }
        });
    }

    private static EngineFailure failed(String what, Exception e) {
        return EngineFailure.withReasonCode(EngineFailure.Kind.CONNACK_RETURNCODE, "enhanced authentication failed:"
                + " the application's authenticator " + what + ": " + e.getMessage(), PacketType.CONNACK, NOT_AUTHORIZED, null);
    }
}
