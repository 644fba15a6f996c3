package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.testing.RawPackets;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A QoS 2 subscriber that speaks MQTT 3.1.1 over a plain socket with the hand-written packets of
 * {@link RawPackets}: it shares no code with our client, so what it counts is an independent view of what the
 * sink published. It follows the receiver's side of QoS 2 (MQTT 3.1.1, 4.3.3): a PUBLISH whose packet id
 * awaits its PUBREL is a resend and is counted once.
 */
public final class RawSubscriber extends RecordingSubscriber {
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final int SUBSCRIBE_PACKET_ID = 1;

    private final Socket socket;
    private final InputStream in;
    /** QoS 2 packet ids received and not yet released; read and written by the reader thread only. */
    private final Set<Integer> unreleased = new HashSet<>();
    private final Thread reader;

    /** Returns once the broker granted the subscription to {@code filter}. */
    public RawSubscriber(String brokerUri, String filter) throws IOException {
        URI uri = URI.create(brokerUri);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        try {
            subscribe(filter);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        reader = new Thread(this::readUntilClosed, "raw-subscriber-" + filter);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects without keep-alive (so idle stretches of a test cannot end the session) and subscribes. */
    private void subscribe(String filter) throws IOException {
        socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
        send(RawPackets.connect311("sub-" + UUID.randomUUID(), 0));
        byte[] connack = RawPackets.readPacket(in);
        if (connack[0] != 0x20 || connack[3] != 0) {
            throw new IOException("Connection refused: " + describe(connack));
        }
        send(RawPackets.subscribe(SUBSCRIBE_PACKET_ID, filter, 2));
        byte[] packet;
        while ((packet = RawPackets.readPacket(in))[0] != (byte) 0x90) {
            handle(packet);
        }
        if ((packet[4] & 0x80) != 0) {
            throw new IOException("Subscription to " + filter + " refused: " + describe(packet));
        }
        socket.setSoTimeout(0);
    }

    private void readUntilClosed() {
        try {
            while (true) {
                handle(RawPackets.readPacket(in));
            }
        } catch (EOFException | SocketException closed) {
            // close() or the broker ended the connection; what arrived so far stays counted
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts a PUBLISH and answers it and a PUBREL as its QoS asks; other packets mean nothing here. */
    private void handle(byte[] packet) throws IOException {
        int type = (packet[0] & 0xF0) >> 4;
        if (type == 3) {
            publishArrived(packet);
        } else if (type == 6) {
            int packetId = ByteBuffer.wrap(packet, 2, 2).getShort() & 0xFFFF;
            unreleased.remove(packetId);
            send(RawPackets.pubcomp(packetId));
        }
    }

    private void publishArrived(byte[] packet) throws IOException {
        int qos = (packet[0] & 0x06) >> 1;
        boolean retained = (packet[0] & 0x01) != 0;
        ByteBuffer body = ByteBuffer.wrap(packet, bodyStart(packet), packet.length - bodyStart(packet));
        byte[] topic = new byte[body.getShort() & 0xFFFF];
        body.get(topic);
        int packetId = qos > 0 ? body.getShort() & 0xFFFF : 0;
        byte[] payload = new byte[body.remaining()];
        body.get(payload);
        if (qos < 2 || unreleased.add(packetId)) {
            received(new Message(new String(topic, StandardCharsets.UTF_8), new String(payload, StandardCharsets.UTF_8),
                    retained));
        }
        if (qos == 1) {
            send(RawPackets.puback(packetId));
        } else if (qos == 2) {
            send(RawPackets.pubrec(packetId));
        }
    }

    /** Where the variable header starts: after the first byte and the one to four bytes of remaining length. */
    private static int bodyStart(byte[] packet) {
        int i = 1;
        while ((packet[i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    private void send(byte[] packet) throws IOException {
        synchronized (socket) {
            socket.getOutputStream().write(packet);
            socket.getOutputStream().flush();
        }
    }

    private static String describe(byte[] packet) {
        StringBuilder hex = new StringBuilder();
        for (byte b : packet) {
            hex.append(String.format("%02x ", b));
        }
        return hex.toString().trim();
    }

    @Override
    public String name() {
        return "raw-socket subscriber";
    }

    @Override
    public void close() {
        try {
            send(RawPackets.DISCONNECT);
        } catch (IOException brokerGone) {
            // the broker ended the connection first; closing the socket below is all that is left
        }
        try {
            socket.close();
            reader.join(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
