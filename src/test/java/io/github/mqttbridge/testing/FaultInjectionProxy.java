package io.github.mqttbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on a free port of 127.0.0.1 that forwards to a broker and can break the network on demand: cut
 * every connection, stop forwarding while keeping connections open (a black hole, as a silent network partition
 * looks to TCP), add latency, or refuse new connections. Bytes held during a black hole are forwarded once it
 * ends, as TCP would retransmit them, so MQTT framing survives.
 *
 * <p>All its threads are named {@code fault-proxy-<port>-...}; {@link #close()} stops every one of them.
 */
public final class FaultInjectionProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final InetSocketAddress target;
    private final int port;
    private final ExecutorService threads;
    /** Every thread the pool made, to join on close: pool termination can precede the threads' death. */
    private final Queue<Thread> created = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final LongAdder bytesToTarget = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a fault is lifted or connections are closed, to wake held pumps. */
    private final Condition changed = lock.newCondition();
    private boolean blackHole;
    /** Reads the MQTT packets of connections opened after it was set; null forwards bytes as they come. */
    private volatile MqttPacketTap tap;
    private long delayNanos;
    private boolean closed;
    private ServerSocket listener;
    /** The thread accepting on {@link #listener}. */
    private Future<?> acceptor;

    public FaultInjectionProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        try {
            listener = newListener(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = listener.getLocalPort();
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadNamePrefix() + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        });
        startAccepting(listener);
    }

    /** A proxy in front of a broker URI's host and port, e.g. {@code broker.tcpUri()}. */
    public static FaultInjectionProxy to(String uri) {
        URI parsed = URI.create(uri);
        return new FaultInjectionProxy(parsed.getHost(), parsed.getPort());
    }

    /**
     * Passes each connection opened from now on through {@code tap}, which sees its MQTT packets and may hold
     * them; the connection then forwards whole packets only.
     */
    public FaultInjectionProxy tap(MqttPacketTap tap) {
        this.tap = tap;
        return this;
    }

    public int port() {
        return port;
    }

    /** The proxy's address with the given scheme, e.g. {@code uri("tcp")}. */
    public String uri(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    public String threadNamePrefix() {
        return "fault-proxy-" + port + "-";
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    /** The bytes forwarded from clients to the target so far: what the clients sent, on the wire. */
    public long bytesToTarget() {
        return bytesToTarget.sum();
    }

    public int liveConnections() {
        return connections.size();
    }

    /** Closes every live connection on both sides; new connections are still accepted. */
    public void cutAll() {
        connections.forEach(Connection::close);
        signalChange();
    }

    /** While on, nothing is forwarded in either direction, but connections stay open. */
    public void blackHole(boolean on) {
        lock.lock();
        try {
            blackHole = on;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Holds every chunk this long after it was read before forwarding it; zero turns latency off. */
    public void delay(Duration latency) {
        lock.lock();
        try {
            delayNanos = latency.toNanos();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * While on, the port is closed, so connecting gets "connection refused" as from a broker that is down;
     * connections already open are kept.
     */
    public synchronized void refuseNew(boolean refuse) {
        try {
            if (refuse && listener != null) {
                listener.close();
                // The JDK closes a listening socket only once the thread blocked in accept() has left it; until
                // then connections are still taken into the backlog.
                awaitAcceptorEnd();
                listener = null;
            } else if (!refuse && listener == null && !closed) {
                listener = newListener(port);
                startAccepting(listener);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            lock.lock();
            try {
                closed = true;
            } finally {
                lock.unlock();
            }
            if (listener != null) {
                closeQuietly(listener);
                listener = null;
            }
        }
        cutAll();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("FaultInjectionProxy threads did not stop");
            }
            for (Thread thread : created) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServerSocket newListener(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void awaitAcceptorEnd() {
        try {
            acceptor.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the accepting thread of port " + port + " did not end", e);
        }
    }

    private void startAccepting(ServerSocket socket) {
        acceptor = threads.submit(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    accepted.incrementAndGet();
                    threads.execute(() -> connectUpstream(client));
                } catch (IOException e) {
                    // the listener was closed: refuseNew or close
                    return;
                }
            }
        });
    }

    private void connectUpstream(Socket client) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        MqttPacketTap packets = tap;
        MqttPacketTap.Link link = packets == null ? null : packets.link();
        Connection connection = new Connection(client, upstream, link);
        connections.add(connection);
        if (isClosed()) {
            connection.close();
            return;
        }
        threads.execute(() -> pump(connection, client, upstream, bytesToTarget,
                link == null ? FaultInjectionProxy::writeAll : link.toBroker::forward));
        threads.execute(() -> pump(connection, upstream, client, new LongAdder(),
                link == null ? FaultInjectionProxy::writeAll : link.toClient::forward));
    }

    /** Writes what a pump read to the other side: all of it, or what a {@link MqttPacketTap} lets through. */
    @FunctionalInterface
    private interface Forwarder {
        void forward(byte[] buffer, int length, OutputStream out) throws IOException;
    }

    private static void writeAll(byte[] buffer, int length, OutputStream out) throws IOException {
        out.write(buffer, 0, length);
        out.flush();
    }

    private void pump(Connection connection, Socket from, Socket to, LongAdder forwarded, Forwarder forwarder) {
        byte[] buffer = new byte[CHUNK];
        // The streams are not closed here: closing one closes its socket, which Connection.close() does in order.
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!awaitForwarding(connection, System.nanoTime())) {
                    break;
                }
                forwarder.forward(buffer, n, out);
                forwarded.add(n);
            }
        } catch (IOException e) {
            // one side closed or was cut: the connection is over either way
        } finally {
            // A close is news from the other side too: a black hole must swallow it, or the peer would learn of
            // the partition from a FIN instead of noticing the silence.
            awaitForwarding(connection, System.nanoTime());
            connection.close();
        }
    }

    /** Waits out black holes and latency; false when the connection or proxy closed meanwhile. */
    private boolean awaitForwarding(Connection connection, long readAt) {
        lock.lock();
        try {
            while (!closed && !connection.isClosed()) {
                long wait = blackHole ? TimeUnit.SECONDS.toNanos(1) : readAt + delayNanos - System.nanoTime();
                if (!blackHole && wait <= 0) {
                    return true;
                }
                changed.awaitNanos(wait);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void signalChange() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final MqttPacketTap.Link link;
        private volatile boolean isClosed;

        Connection(Socket client, Socket upstream, MqttPacketTap.Link link) {
            this.client = client;
            this.upstream = upstream;
            this.link = link;
        }

        boolean isClosed() {
            return isClosed;
        }

        void close() {
            isClosed = true;
            closeQuietly(client);
            closeQuietly(upstream);
            if (link != null) {
                link.close();
            }
            connections.remove(this);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing to drop a connection: there is nothing left to save
        }
    }
}
