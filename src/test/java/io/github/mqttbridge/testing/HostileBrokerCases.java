package io.github.mqttbridge.testing;

import io.github.mqttbridge.client.MqttErrorCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ways a {@link ScriptedBroker} breaks the protocol after CONNACK, shared by the client's and the connectors'
 * hostile-broker tests. Each must cost one connection, with a message that names the rule broken.
 */
public final class HostileBrokerCases {

    /**
     * One way to misbehave, on MQTT 3.1.1 ({@code script}) and on MQTT 5 ({@code script5}, where PUBLISH and SUBACK
     * carry properties), and the words the client's message must contain, the same on both. On MQTT 5 the client
     * says why before it hangs up: a DISCONNECT with {@code reasonCode5} (MQTT 5 section 4.13), or none
     * ({@link #NO_DISCONNECT}) where the connection is already gone or the spec asks for none. {@code onSubscribe}
     * cases answer the client's SUBSCRIBE, so they need a client that subscribes.
     */
    public record Case(String name, ScriptedBroker.Script script, ScriptedBroker.Script script5, MqttErrorCode code,
            String rule, int reasonCode5, boolean onSubscribe) {
        /** The script for a client of {@code mqttVersion} 4 or 5. */
        public ScriptedBroker.Script script(int mqttVersion) {
            return mqttVersion == 5 ? script5 : script;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An MQTT 5 case that ends without a DISCONNECT from the client. */
    public static final int NO_DISCONNECT = -1;
    private static final int MALFORMED_PACKET = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;
    private static final int PACKET_TOO_LARGE = 0x95;

    private HostileBrokerCases() {
    }

    public static List<Case> all() {
        return List.of(
                // 268,435,455 bytes: the most MQTT can express, past any packet size limit a client sets; on MQTT 5
                // past the Maximum Packet Size the CONNECT announced [MQTT-3.1.2-25]
                same("remaining length past the maximum", p -> p.send(0x30, 0xFF, 0xFF, 0xFF, 0x7F),
                        MqttErrorCode.SOCKET_ERROR, "maximum", PACKET_TOO_LARGE),
                // the MQTT 5 SUBACK has its properties length, then no reason codes either
                new Case("truncated packet: SUBACK without return codes", p -> p.send(0x90, 0x02, 0x00, 0x01),
                        p -> p.send(0x90, 0x03, 0x00, 0x01, 0x00), MqttErrorCode.SOCKET_ERROR, "SUBACK",
                        MALFORMED_PACKET, false),
                same("closed in the middle of a packet", p -> {
                    p.send(0x30, 0x10, 0x00, 0x01);
                    throw new EOFException("hang up mid-packet");
                }, MqttErrorCode.SOCKET_CLOSE, "middle of a packet", NO_DISCONNECT),
                // type 15 is AUTH on MQTT 5; type 0 is reserved on both
                new Case("reserved packet type", p -> p.send(0xF0, 0x00), p -> p.send(0x00, 0x00),
                        MqttErrorCode.SOCKET_ERROR, "reserved packet type", MALFORMED_PACKET, false),
                // flags other than the specified ones make a Malformed Packet on MQTT 5 [MQTT-2.1.3-1]
                same("reserved flags of PUBACK set", p -> p.send(0x42, 0x02, 0x00, 0x01), MqttErrorCode.SOCKET_ERROR,
                        "PUBACK", MALFORMED_PACKET),
                new Case("a second CONNACK", p -> p.send(0x20, 0x02, 0x00, 0x00), p -> p.send(0x20, 0x03, 0x00, 0x00,
                        0x00), MqttErrorCode.SOCKET_ERROR, "CONNACK", PROTOCOL_ERROR, false),
                new Case("a SUBSCRIBE from the server",
                        p -> p.send(0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', '#', 0x01),
                        p -> p.send(0x82, 0x09, 0x00, 0x01, 0x00, 0x00, 0x03, 'a', '/', '#', 0x01),
                        MqttErrorCode.SOCKET_ERROR, "a server must not send SUBSCRIBE", PROTOCOL_ERROR, false),
                same("PUBACK for an unknown id", p -> p.send(0x40, 0x02, 0x12, 0x34), MqttErrorCode.SOCKET_ERROR,
                        "PUBACK for packet id 4660", PROTOCOL_ERROR),
                same("PUBREC for an unknown id", p -> p.send(0x50, 0x02, 0x12, 0x34), MqttErrorCode.SOCKET_ERROR,
                        "PUBREC for packet id 4660", PROTOCOL_ERROR),
                new Case("SUBACK with the wrong number of codes", p -> {
                    byte[] subscribe = p.readUntil(8);
                    p.send(0x90, 0x04, subscribe[2], subscribe[3], 0x01, 0x01);
                }, p -> {
                    byte[] subscribe = p.readUntil(8);
                    p.send(0x90, 0x05, subscribe[2], subscribe[3], 0x00, 0x01, 0x01);
                }, MqttErrorCode.SOCKET_ERROR, "2 return codes", PROTOCOL_ERROR, true),
                // ill-formed UTF-8 makes a Malformed Packet [MQTT-1.5.4-1]
                new Case("invalid UTF-8 in an inbound topic", p -> p.send(0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, 0x41),
                        p -> p.send(0x30, 0x06, 0x00, 0x02, 0xC3, 0x28, 0x00, 0x41), MqttErrorCode.SOCKET_ERROR,
                        "UTF-8", MALFORMED_PACKET, false),
                // a topic name with a wildcard cannot be read as one [MQTT-3.3.2-2]
                new Case("a wildcard in an inbound topic", p -> p.send(0x30, 0x06, 0x00, 0x03, 'a', '/', '+', 0x41),
                        p -> p.send(0x30, 0x07, 0x00, 0x03, 'a', '/', '+', 0x00, 0x41), MqttErrorCode.SOCKET_ERROR,
                        "wildcard", MALFORMED_PACKET, false),
                // a client that hears no PINGRESP in time closes the network connection (MQTT 5 section 3.1.2.10),
                // no more: 0x8D Keep Alive timeout is a reason code for the server to send
                same("a never-ending slow trickle", HostileBrokerCases::trickle, MqttErrorCode.PING_TIMEOUT,
                        "PINGREQ", NO_DISCONNECT));
    }

    /** A case whose bytes mean the same on MQTT 3.1.1 and MQTT 5. */
    private static Case same(String name, ScriptedBroker.Script script, MqttErrorCode code, String rule,
            int reasonCode5) {
        return new Case(name, script, script, code, rule, reasonCode5, false);
    }

    /**
     * Starts a PUBLISH of 127 bytes and sends one byte of it every 100 ms, far too few to ever finish in time: only
     * a keep-alive that counts whole packets, not bytes, notices. Meanwhile it reads what the client sends, until
     * the client hangs up.
     */
    private static void trickle(ScriptedBroker.Peer peer) throws IOException {
        peer.send(0x30, 0x7F, 0x00, 0x01, 'a');
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            pacer.scheduleAtFixedRate(() -> {
                try {
                    peer.send('x');
                } catch (IOException hungUp) {
                    throw new UncheckedIOException(hungUp);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            peer.drainUntilClosed();
        } finally {
            pacer.shutdownNow();
        }
    }
}
