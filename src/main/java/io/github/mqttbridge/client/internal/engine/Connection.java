package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.MqttDecoder;
import io.github.mqttbridge.client.internal.codec.MqttEncoder;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import io.github.mqttbridge.client.internal.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network connection to a broker: a reader thread that decodes packets from the transport and a writer
 * thread that encodes queued packets onto it, batching whatever is queued into one write. Valid for one
 * connection only; the session outlives it. Whatever ends the connection (end of stream, I/O error, malformed or
 * illegal packet, or a close from above) is reported once to the handler.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final int WRITE_BATCH = 64 * 1024;
    /**
     * With this many publishes awaiting acknowledgement (ours, or the server's to us) both sides have plenty to do,
     * so the writer, woken for a new packet, first waits {@link #GATHER_NANOS} for more. A stream of publishes or
     * acknowledgements then leaves in a few large writes instead of a write (and a wake-up of this thread, and of
     * the server's) for every one or two: on loopback with Mosquitto this cut the CPU a QoS 1 record cost a sink
     * task to a third and raised its rate by half. A client that waits for each acknowledgement, keeps only a few
     * publishes in flight, or is sent only a few at a time (stock Mosquitto sends 20) is never held back.
     */
    static final int GATHER_UNACKNOWLEDGED = 64;
    static final long GATHER_NANOS = 500_000;

    /** Receives what the connection reads and how it ends. */
    public interface Handler {
        /** Called on the reader thread; may block to push back on the server. */
        void onPacket(Connection connection, MqttPacket packet) throws ProtocolViolationException, InterruptedException;

        /** Called on the reader thread once the packets of one read are handled, before it reads again. */
        void onReadDone(Connection connection);

        /** Called once, on whichever thread ended the connection. */
        void onClosed(Connection connection, EngineFailure cause);

        /**
         * QoS 1 and 2 publishes awaiting an acknowledgement, ours from the server and the server's from us, as of
         * lately; read by the writer without a lock.
         */
        int unacknowledgedPublishes();
    }

    /** Told when a packet has left, or could not. */
    public interface WriteListener {
        void written();

        void failed(EngineFailure cause);
    }

    private record Outbound(MqttPacket packet, WriteListener listener) {
    }

    private static final Outbound STOP = new Outbound(null, null);

    private final Transport transport;
    private final String uri;
    private final Handler handler;
    private final MqttDecoder decoder;
    private final int maxPacketSize;
    private final MqttEncoder encoder;
    private final boolean mqtt5;
    /** Set once, before any PUBLISH is queued; then touched by the writer thread only. */
    private volatile OutboundTopicAliases outboundAliases;
    private final ConcurrentLinkedQueue<Outbound> outbound = new ConcurrentLinkedQueue<>();
    /** Whether the writer waits for packets: only then does a sender need to wake it. */
    private volatile boolean writerIdle;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;
    private final Thread writer;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long lastReadNanos = System.nanoTime();

    /** A connection that speaks {@code version}: the one its CONNECT asks for. */
    public Connection(Transport transport, String uri, MqttVersion version, int maxPacketSize, String threadPrefix,
                      Handler handler) {
        this.transport = transport;
        this.uri = uri;
        this.handler = handler;
        this.maxPacketSize = maxPacketSize;
        this.encoder = MqttEncoder.forClient(version);
        this.mqtt5 = version == MqttVersion.MQTT_5;
        this.decoder = MqttDecoder.forClient(maxPacketSize, version);
        this.reader = new Thread(this::readLoop, threadPrefix + "-reader");
        this.writer = new Thread(this::writeLoop, threadPrefix + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    public void start() {
        writer.start();
        reader.start();
    }

    public String uri() {
        return uri;
    }

    public void send(MqttPacket packet) {
        send(packet, null);
    }

    /** Queues a packet; {@code listener} hears when it was written or that it never will be. */
    public void send(MqttPacket packet, WriteListener listener) {
        queue(packet, listener);
        flush();
    }

    /**
     * Queues a packet without waking the writer for it: it leaves with the next packet sent, or at the next
     * {@link #flush()}. A thread sending many packets at once saves a wake-up and a write per packet so.
     */
    void queue(MqttPacket packet, WriteListener listener) {
        outbound.add(new Outbound(packet, listener));
        if (closed.get()) {
            failQueued(new EngineFailure(EngineFailure.Kind.SOCKET_CLOSE, "connection to " + uri + " is closed"));
        }
    }

    /** Has the writer write whatever is queued. */
    void flush() {
        // Paired with the writer's: it marks itself idle, then looks at the queue; we queued, then look at it.
        if (writerIdle) {
            LockSupport.unpark(writer);
        }
    }

    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    public long lastReadNanos() {
        return lastReadNanos;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Ends the connection with {@code cause}, once; later calls do nothing. */
    public void close(EngineFailure cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.debug("Closing connection to {}: {}", uri, cause.getMessage());
        transport.close();
        outbound.add(STOP);
        LockSupport.unpark(writer);
        if (Thread.currentThread() != reader) {
            reader.interrupt();
        }
        failQueued(cause);
        handler.onClosed(this, cause);
    }

    /** Waits for both threads to end; the caller closed the connection first. */
    public void awaitThreads(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread t : List.of(reader, writer)) {
            if (t != Thread.currentThread() && t.isAlive()) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
    }

    private void failQueued(EngineFailure cause) {
        List<Outbound> left = new ArrayList<>();
        for (Outbound o; (o = outbound.poll()) != null; ) {
            left.add(o);
        }
        if (closed.get()) {
            outbound.add(STOP);
            LockSupport.unpark(writer);
        }
        for (Outbound o : left) {
            if (o.listener != null) {
                o.listener.failed(cause);
            }
        }
    }

    private void readLoop() {
        ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);
        try {
            while (!closed.get()) {
                if (!in.hasRemaining()) {
                    in = grow(in);
                }
                int n = transport.read(in);
                if (n < 0) {
                    close(new EngineFailure(EngineFailure.Kind.SOCKET_CLOSE, "the server closed the connection to " + uri
                            + (in.position() > 0 ? " in the middle of a packet (" + in.position() + " bytes of it read)"
                                    : "")));
                    return;
                }
                in.flip();
                handleWholePackets(in);
                handler.onReadDone(this);
                in.compact();
            }
        } catch (MqttDecodeException e) {
            refuse(e.reasonCode(),
                    new EngineFailure(EngineFailure.Kind.SOCKET_ERROR, "malformed packet from " + uri + ": "
                            + e.getMessage(), e));
        } catch (ProtocolViolationException e) {
            refuse(e.reasonCode(), new EngineFailure(EngineFailure.Kind.SOCKET_ERROR, "protocol violation by " + uri
                    + ": " + e.getMessage(), e));
        } catch (IOException e) {
            close(new EngineFailure(EngineFailure.Kind.SOCKET_ERROR, "reading from " + uri + " failed: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            close(new EngineFailure(EngineFailure.Kind.SOCKET_CLOSE, "connection to " + uri + " closed"));
        } catch (RuntimeException e) {
            log.error("Bug while reading from {}", uri, e);
            close(new EngineFailure(EngineFailure.Kind.INTERNAL_ERROR, "internal error while reading from " + uri + ": " + e, e));
        }
    }

    /** Hands every whole packet in the buffer to the handler; a partial one stays for the next read. */
    private void handleWholePackets(ByteBuffer in)
            throws MqttDecodeException, ProtocolViolationException, InterruptedException {
        MqttPacket packet;
        while (!closed.get() && (packet = decoder.decode(in)) != null) {
            // Only whole packets are a sign of life: a server that trickles bytes of a packet it never
            // finishes must still be given up on.
            lastReadNanos = System.nanoTime();
            if (log.isTraceEnabled()) {
                log.trace("{} <- {}", uri, packet);
            }
            handler.onPacket(this, packet);
        }
    }

    /**
     * Ends the connection over the server's fault. MQTT 5 wants the client to say why first: a DISCONNECT with the
     * reason code [MQTT-4.13.1-1]; the connection closes once it is written (or could not be). MQTT 3 just closes.
     */
    void refuse(int reasonCode, EngineFailure cause) {
        if (!mqtt5 || closed.get()) {
            close(cause);
            return;
        }
        send(new DisconnectPacket(reasonCode, MqttProperties.EMPTY), new WriteListener() {
            @Override
            public void written() {
                close(cause);
            }

            @Override
            public void failed(EngineFailure writeFailure) {
                close(cause);
            }
        });
    }

    /** A full buffer holds part of a packet larger than itself: make room, up to the largest packet allowed. */
    private ByteBuffer grow(ByteBuffer full) {
        int size = (int) Math.min((long) full.capacity() * 2, maxPacketSize + 5L);
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(size, full.capacity() + 1));
        full.flip();
        bigger.put(full);
        return bigger;
    }

    /**
     * Writes queued packets, as many as fit in one batch per write. A transport that frames each flush (WebSocket)
     * gets one packet per flush: several packets in one frame are legal [MQTT-6.0.0-2] but some brokers read only
     * the first.
     */
    private void writeLoop() {
        ByteBuffer out = ByteBuffer.allocate(WRITE_BATCH);
        List<WriteListener> written = new ArrayList<>();
        boolean packetPerWrite = transport.framesEachFlush();
        try {
            while (true) {
                Outbound next = awaitPacket();
                // A transport that writes one packet per flush gains nothing by waiting: it would wait per packet.
                if (!packetPerWrite && handler.unacknowledgedPublishes() >= GATHER_UNACKNOWLEDGED) {
                    LockSupport.parkNanos(GATHER_NANOS);
                }
                while (next != null) {
                    if (next == STOP) {
                        return;
                    }
                    out = append(out, next, written);
                    next = packetPerWrite ? null : outbound.poll();
                }
                flushBatch(out, written);
                if (out.capacity() > WRITE_BATCH) {
                    out = ByteBuffer.allocate(WRITE_BATCH);
                }
            }
        } catch (IOException e) {
            EngineFailure cause = new EngineFailure(EngineFailure.Kind.SOCKET_ERROR,
                    "writing to " + uri + " failed: " + e.getMessage(), e);
            written.forEach(l -> l.failed(cause));
            close(cause);
        } catch (RuntimeException e) {
            log.error("Bug while writing to {}", uri, e);
            close(new EngineFailure(EngineFailure.Kind.INTERNAL_ERROR, "internal error while writing to " + uri
                    + ": " + e, e));
        }
    }

    /** The next packet to write, once there is one. */
    private Outbound awaitPacket() {
        Outbound next;
        while ((next = outbound.poll()) == null) {
            writerIdle = true;
            if (outbound.isEmpty()) {
                LockSupport.park(this);
            }
            writerIdle = false;
        }
        return next;
    }

    /**
     * The packet as this connection's version carries it: an MQTT 3 connection leaves out the MQTT 5 properties of a
     * message (which may have waited for a connection of either version), as the API documents.
     */
    private MqttPacket onTheWire(MqttPacket packet) {
        if (!mqtt5 && packet instanceof PublishPacket p && !p.properties().isEmpty()) {
            return new PublishPacket(p.topic(), p.payload(), p.qos(), p.retain(), p.dup(), p.packetId());
        }
        OutboundTopicAliases aliases = outboundAliases;
        if (aliases != null && packet instanceof PublishPacket p) {
            return aliases.apply(p);
        }
        return packet;
    }

    /** From the CONNACK on: publish by topic alias, up to {@code maximum} topics (MQTT 5). */
    void useTopicAliases(int maximum) {
        if (mqtt5 && maximum > 0) {
            outboundAliases = new OutboundTopicAliases(maximum);
        }
    }

    /** Encodes a packet into the batch, first writing the batch out when the packet does not fit beside it. */
    private ByteBuffer append(ByteBuffer out, Outbound next, List<WriteListener> written) throws IOException {
        MqttPacket packet = onTheWire(next.packet);
        int remainingLength = encoder.remainingLength(packet);
        int size = MqttEncoder.sizeOf(remainingLength);
        if (size > out.remaining()) {
            if (out.position() > 0) {
                flushBatch(out, written);
            }
            if (size > out.capacity()) {
                out = ByteBuffer.allocate(size);
            }
        }
        encoder.encode(packet, remainingLength, out);
        if (log.isTraceEnabled()) {
            log.trace("{} -> {}", uri, packet);
        }
        if (next.listener != null) {
            written.add(next.listener);
        }
        return out;
    }

    private void flushBatch(ByteBuffer out, List<WriteListener> written) throws IOException {
        out.flip();
        transport.write(out);
        transport.flush();
        out.clear();
        lastWriteNanos = System.nanoTime();
        for (WriteListener l : written) {
            l.written();
        }
        written.clear();
    }
}
