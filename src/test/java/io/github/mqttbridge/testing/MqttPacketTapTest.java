package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.MqttPacketTap.Direction;
import io.github.mqttbridge.testing.MqttPacketTap.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tap between a raw client and a raw "broker" socket: it names each packet with its id, forwards whole packets
 * however the bytes are cut, stops a direction at the chosen packet and no earlier, and counts open QoS 2 flows.
 */
class MqttPacketTapTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final MqttPacketTap tap = new MqttPacketTap();
    private ServerSocket server;
    private FaultInjectionProxy proxy;
    private RawSocket client;
    private Socket broker;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        proxy = new FaultInjectionProxy("127.0.0.1", server.getLocalPort()).tap(tap);
        client = RawSocket.connect("127.0.0.1", proxy.port());
        server.setSoTimeout((int) WITHIN.toMillis());
        broker = server.accept();
        broker.setTcpNoDelay(true);
        broker.setSoTimeout((int) WITHIN.toMillis());
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        broker.close();
        proxy.close();
        server.close();
    }

    @Test
    void names_each_packet_with_its_type_id_and_topic_and_counts_them_per_direction() throws IOException {
        var publish = tap.afterForwarding(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBLISH), p -> { });
        var pubrec = tap.afterForwarding(Direction.TO_BROKER, p -> p.is(MqttPacketTap.PUBREC) && p.number() == 2,
                p -> { });
        client.send(RawPackets.connect311("tapped"));
        assertArrayEquals(RawPackets.connect311("tapped"), RawPackets.readPacket(broker.getInputStream()));
        toClient(RawPackets.publishQos2("a/b", 300, true, utf8("x")));
        client.send(RawPackets.pubrec(1));
        client.send(RawPackets.pubrec(300));

        Packet sent = publish.await(WITHIN);
        assertEquals(new Packet(Direction.TO_CLIENT, MqttPacketTap.PUBLISH, 300, 2, true, "a/b", "tapped", 1), sent);
        assertEquals(new Packet(Direction.TO_BROKER, MqttPacketTap.PUBREC, 300, 0, false, null, "tapped", 2),
                pubrec.await(WITHIN));
        assertArrayEquals(RawPackets.pubrec(1), RawPackets.readPacket(broker.getInputStream()));
        assertTrue(tap.recent().contains("<- PUBLISH #1 id 300 qos 2 dup a/b"), tap.recent());
    }

    @Test
    void takes_the_client_id_from_an_mqtt_5_connect_past_its_properties() throws IOException {
        var pubrel = tap.afterForwarding(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBREL), p -> { });
        byte[] connect = {0x10, 20, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60,
            5, 0x11, 0, 0, 0x0E, 0x10, // properties: session expiry interval 3600 s
            0, 2, 'v', '5'};
        client.send(connect);
        assertArrayEquals(connect, RawPackets.readPacket(broker.getInputStream()));
        toClient(RawPackets.pubrel(7));

        assertEquals("v5", pubrel.await(WITHIN).clientId());
    }

    @Test
    void forwards_a_packet_cut_into_single_bytes_whole_once_its_last_byte_came() throws IOException {
        byte[] publish = RawPackets.publishQos2("long", 9, false, new byte[300]);
        var seen = tap.afterForwarding(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBLISH), p -> { });
        OutputStream out = broker.getOutputStream();
        for (byte b : publish) {
            out.write(b);
            out.flush();
        }
        assertEquals(9, seen.await(WITHIN).packetId());
        assertArrayEquals(publish, client.read(publish.length));
    }

    @Test
    void holding_stops_the_direction_at_the_chosen_packet_while_the_other_direction_flows() throws IOException {
        var held = tap.holdFrom(Direction.TO_BROKER, p -> p.is(MqttPacketTap.PUBCOMP) && p.packetId() == 2,
                p -> { });
        // In one write: the proxy must pass the first PUBCOMP and stop at the second, inside the same read.
        client.send(concat(RawPackets.pubcomp(1), RawPackets.pubcomp(2), RawPackets.PINGREQ));
        assertEquals(2, held.await(WITHIN).packetId());
        InputStream fromProxy = broker.getInputStream();
        assertArrayEquals(RawPackets.pubcomp(1), RawPackets.readPacket(fromProxy));
        client.send(RawPackets.PINGREQ);
        await("held packets counted").atMost(WITHIN)
                .until(() -> tap.seen(Direction.TO_BROKER, MqttPacketTap.PINGREQ) == 2);
        broker.setSoTimeout(500);
        assertThrows(SocketTimeoutException.class, fromProxy::read, "nothing after the held packet may pass");

        toClient(RawPackets.PINGRESP);
        assertArrayEquals(RawPackets.PINGRESP, client.read(2));
    }

    @Test
    void a_qos_2_flow_and_its_release_are_open_until_the_clients_pubcomp_has_left()
            throws IOException {
        var completed = tap.afterForwarding(Direction.TO_BROKER, p -> p.is(MqttPacketTap.PUBCOMP), p -> { });
        var published = tap.afterForwarding(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBLISH), p -> { });
        toClient(RawPackets.publishQos2("t", 5, false, utf8("x")));
        published.await(WITHIN);
        assertEquals(1, tap.openQos2Flows());
        var released = tap.afterForwarding(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBREL), p -> { });
        toClient(RawPackets.pubrel(5));
        released.await(WITHIN);
        assertEquals(1, tap.unansweredReleases());
        client.send(RawPackets.pubcomp(5));
        completed.await(WITHIN);
        assertEquals(0, tap.openQos2Flows());
        assertEquals(0, tap.unansweredReleases());
    }

    private void toClient(byte[] packet) throws IOException {
        broker.getOutputStream().write(packet);
        broker.getOutputStream().flush();
    }

    private static byte[] concat(byte[]... packets) {
        byte[] all = new byte[0];
        for (byte[] packet : packets) {
            int at = all.length;
            all = Arrays.copyOf(all, at + packet.length);
            System.arraycopy(packet, 0, all, at, packet.length);
        }
        return all;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
