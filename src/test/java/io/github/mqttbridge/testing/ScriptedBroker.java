package io.github.mqttbridge.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake MQTT broker that follows a script instead of the protocol, to show how the client copes with a broker
 * that sends garbage, breaks the rules, or stalls. The first connection runs {@code hostile}; every later one
 * (the client reconnecting) is served as a minimal broker would, so a test can see the client recover.
 */
public final class ScriptedBroker implements AutoCloseable {

    /** What the broker does on one connection, after it has read the client's CONNECT. */
    @FunctionalInterface
    public interface Script {
        void run(Peer peer) throws IOException;
    }

    /** One client connection as the script sees it. */
    public static final class Peer {
        private final InputStream in;
        private final OutputStream out;
        private final boolean mqtt5;
        private final List<byte[]> received = new CopyOnWriteArrayList<>();

        Peer(Socket socket, boolean mqtt5) throws IOException {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.mqtt5 = mqtt5;
        }

        public void send(int... bytes) throws IOException {
            for (int b : bytes) {
                out.write(b);
            }
            out.flush();
        }

        public void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Reads one whole packet as raw bytes, fixed header included. */
        public byte[] readPacket() throws IOException {
            byte[] packet = RawPackets.readPacket(in);
            received.add(packet);
            return packet;
        }

        /** Reads packets until one of {@code type} (bits 7-4 of the first byte) arrives, and returns it. */
        public byte[] readUntil(int type) throws IOException {
            while (true) {
                byte[] packet = readPacket();
                if ((packet[0] & 0xF0) >> 4 == type) {
                    return packet;
                }
            }
        }

        /** Behaves as a minimal broker until the client closes: grants subscriptions, answers pings. */
        public void serveWell() throws IOException {
            while (true) {
                byte[] packet;
                try {
                    packet = readPacket();
                } catch (EOFException closed) {
                    return;
                }
                int type = (packet[0] & 0xF0) >> 4;
                if (type == 8) {
                    int qos = packet[packet.length - 1] & 0x03;
                    if (mqtt5) {
                        send(0x90, 0x04, packet[2], packet[3], 0x00, qos);
                    } else {
                        send(0x90, 0x03, packet[2], packet[3], qos);
                    }
                } else if (type == 12) {
                    send(RawPackets.PINGRESP);
                }
            }
        }

        /** Blocks until the client closes the connection, reading whatever it sends meanwhile. */
        public void drainUntilClosed() throws IOException {
            try {
                while (true) {
                    // the client's pings and packets mean nothing to a script, but its last words may to a test
                    readPacket();
                }
            } catch (EOFException closed) {
                // as expected
            }
        }
    }

    private final ServerSocket listener;
    private final ExecutorService threads;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile byte[] firstConnect;
    private final CompletableFuture<List<byte[]>> firstReceived = new CompletableFuture<>();
    private final boolean mqtt5;
    private final boolean scriptAnswersConnect;

    public ScriptedBroker(Script hostile) throws IOException {
        this(hostile, false, false);
    }

    /** A scripted broker for a client of {@code mqttVersion}: 5 for MQTT 5, else MQTT 3.1.1. */
    public static ScriptedBroker forVersion(int mqttVersion, Script hostile) throws IOException {
        return mqttVersion == 5 ? mqtt5(hostile) : new ScriptedBroker(hostile);
    }

    /** A scripted broker that accepts with an MQTT 5 CONNACK and answers as an MQTT 5 server. */
    public static ScriptedBroker mqtt5(Script hostile) throws IOException {
        return new ScriptedBroker(hostile, true, false);
    }

    /**
     * An MQTT 5 scripted broker whose first connection's script answers the CONNECT itself (with AUTH packets of an
     * enhanced authentication, and a CONNACK of its choice); {@link #connectPacket()} holds the CONNECT.
     */
    public static ScriptedBroker mqtt5Handshake(Script handshake) throws IOException {
        return new ScriptedBroker(handshake, true, true);
    }

    private ScriptedBroker(Script hostile, boolean mqtt5, boolean scriptAnswersConnect) throws IOException {
        this.mqtt5 = mqtt5;
        this.scriptAnswersConnect = scriptAnswersConnect;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-broker-" + listener.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        threads.execute(() -> accept(hostile));
    }

    private void accept(Script hostile) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                threads.execute(() -> serve(socket, number == 1 ? hostile : Peer::serveWell, number == 1));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, Script script, boolean first) {
        Peer peer = null;
        try (socket) {
            peer = new Peer(socket, mqtt5);
            byte[] connect = peer.readUntil(1);
            if (scriptAnswersConnect && first) {
                firstConnect = connect;
            } else {
                peer.send(mqtt5 ? RawPackets.CONNACK_ACCEPTED_5 : RawPackets.CONNACK_ACCEPTED);
            }
            script.run(peer);
            peer.drainUntilClosed();
        } catch (IOException e) {
            // the client hung up, as it should after a violation
        } finally {
            sockets.remove(socket);
            if (first) {
                firstReceived.complete(peer == null ? List.of() : List.copyOf(peer.received));
            }
        }
    }

    public String uri() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** The CONNECT of the first connection, for a handshake script's test to look at; null before. */
    public byte[] connectPacket() {
        return firstConnect;
    }

    /**
     * Every packet the client sent on the first connection, CONNECT first, as the script and the broker read them;
     * complete once that connection has ended.
     */
    public CompletableFuture<List<byte[]>> firstConnectionPackets() {
        return firstReceived;
    }

    /** How many connections the client has made so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
