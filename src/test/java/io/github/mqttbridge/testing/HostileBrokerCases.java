package io.github.mqttbridge.testing;

import io.github.mqttbridge.client.MqttErrorCode;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ways a {@link ScriptedBroker} breaks the protocol after CONNACK, shared by the client's and the connectors'
 * hostile-broker tests. Each must cost one connection, with a message that names the rule broken.
 */
public final class HostileBrokerCases {

    /**
     * One way to misbehave and the words the client's message must contain; {@code onSubscribe} cases answer the
     * client's SUBSCRIBE, so they need a client that subscribes.
     */
    public record Case(String name, ScriptedBroker.Script script, MqttErrorCode code, String rule,
            boolean onSubscribe) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileBrokerCases() {
    }

    public static List<Case> all() {
        return List.of(
                // 268,435,455 bytes: the most MQTT can express, past any packet size limit a client sets
                new Case("remaining length past the maximum", p -> p.send(0x30, 0xFF, 0xFF, 0xFF, 0x7F),
                        MqttErrorCode.SOCKET_ERROR, "maximum", false),
                new Case("truncated packet: SUBACK without return codes", p -> p.send(0x90, 0x02, 0x00, 0x01),
                        MqttErrorCode.SOCKET_ERROR, "SUBACK", false),
                new Case("closed in the middle of a packet", p -> {
                    p.send(0x30, 0x10, 0x00, 0x01);
                    throw new EOFException("hang up mid-packet");
                }, MqttErrorCode.SOCKET_CLOSE, "middle of a packet", false),
                new Case("reserved packet type 15", p -> p.send(0xF0, 0x00), MqttErrorCode.SOCKET_ERROR,
                        "reserved packet type", false),
                new Case("reserved flags of PUBACK set", p -> p.send(0x42, 0x02, 0x00, 0x01),
                        MqttErrorCode.SOCKET_ERROR, "PUBACK", false),
                new Case("a second CONNACK", p -> p.send(0x20, 0x02, 0x00, 0x00), MqttErrorCode.SOCKET_ERROR,
                        "CONNACK", false),
                new Case("a SUBSCRIBE from the server",
                        p -> p.send(0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', '#', 0x01),
                        MqttErrorCode.SOCKET_ERROR, "a server must not send SUBSCRIBE", false),
                new Case("PUBACK for an unknown id", p -> p.send(0x40, 0x02, 0x12, 0x34), MqttErrorCode.SOCKET_ERROR,
                        "PUBACK for packet id 4660", false),
                new Case("PUBREC for an unknown id", p -> p.send(0x50, 0x02, 0x12, 0x34), MqttErrorCode.SOCKET_ERROR,
                        "PUBREC for packet id 4660", false),
                new Case("SUBACK with the wrong number of codes", p -> {
                    byte[] subscribe = p.readUntil(8);
                    p.send(0x90, 0x04, subscribe[2], subscribe[3], 0x01, 0x01);
                }, MqttErrorCode.SOCKET_ERROR, "2 return codes", true),
                new Case("invalid UTF-8 in an inbound topic", p -> p.send(0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, 0x41),
                        MqttErrorCode.SOCKET_ERROR, "UTF-8", false),
                new Case("a wildcard in an inbound topic", p -> p.send(0x30, 0x06, 0x00, 0x03, 'a', '/', '+', 0x41),
                        MqttErrorCode.SOCKET_ERROR, "wildcard", false),
                new Case("a never-ending slow trickle", HostileBrokerCases::trickle, MqttErrorCode.PING_TIMEOUT,
                        "PINGREQ", false));
    }

    /**
     * Starts a PUBLISH of 127 bytes and sends one byte of it every 100 ms, far too few to ever finish in time: only
     * a keep-alive that counts whole packets, not bytes, notices.
     */
    private static void trickle(ScriptedBroker.Peer peer) throws IOException {
        peer.send(0x30, 0x7F, 0x00, 0x01, 'a');
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<Void> hungUp = new CompletableFuture<>();
            pacer.scheduleAtFixedRate(() -> {
                try {
                    peer.send('x');
                } catch (IOException e) {
                    hungUp.complete(null);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            hungUp.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            pacer.shutdownNow();
        }
    }
}
