package io.github.mqttbridge.client.internal.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A transport over a connected socket: plain TCP, or TLS when the socket is an SSLSocket. */
final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    /** Large enough for a typical PUBLISH in one syscall; MQTT packets are usually small. */
    private static final int BUFFER_SIZE = 8192;

    private final Socket socket;
    private final String peer;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Only for direct ByteBuffers, which have no array the socket could read into. */
    private byte[] readScratch;

    TcpTransport(Socket socket, String peer) throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
    }

    static TcpTransport open(ServerUri uri, TransportOptions options) throws IOException {
        LOG.debug("Opening TCP connection to {}", uri);
        Socket socket = connectSocket(uri, Deadline.of(options));
        return new TcpTransport(socket, uri.toString());
    }

    /** Opens a TCP socket with Nagle off: MQTT packets are small and latency matters more than segment count. */
    static Socket connectSocket(ServerUri uri, Deadline deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.host(), uri.port()), deadline.remainingMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        int n;
        if (dst.hasArray()) {
            n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
        } else {
            if (readScratch == null) {
                readScratch = new byte[BUFFER_SIZE];
            }
            n = in.read(readScratch, 0, Math.min(readScratch.length, dst.remaining()));
            if (n > 0) {
                dst.put(readScratch, 0, n);
            }
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (src.hasArray()) {
            out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[Math.min(BUFFER_SIZE, src.remaining())];
            while (src.hasRemaining()) {
                int n = Math.min(chunk.length, src.remaining());
                src.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Closing the socket (not the streams) is what wakes a reader blocked in the kernel. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(socket);
            LOG.debug("Closed connection to {}", peer);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Ignoring error while closing a socket", e);
        }
    }

    @Override
    public String toString() {
        return "TcpTransport[" + peer + "]";
    }
}
