package io.github.mqttbridge.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;

/**
 * A plain TCP connection for tests that speak hand-written MQTT bytes, bypassing our client and transports.
 * Reads time out (instead of hanging a test) after {@link #DEFAULT_TIMEOUT} unless told otherwise.
 */
public final class RawSocket implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawSocket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), (int) DEFAULT_TIMEOUT.toMillis());
        socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        return new RawSocket(socket);
    }

    /** Sends {@code connect} to a {@code tcp://} URI and returns the CONNACK return code. */
    public static int connackCode(String tcpUri, byte[] connect) throws IOException {
        URI uri = URI.create(tcpUri);
        try (RawSocket socket = connect(uri.getHost(), uri.getPort())) {
            byte[] connack = socket.send(connect).read(4);
            if (connack[0] != 0x20 || connack[1] != 0x02) {
                throw new IOException("Expected CONNACK, got " + Arrays.toString(connack));
            }
            return connack[3];
        }
    }

    /** Sends bytes given as ints, so tests can write {@code send(0xC0, 0x00)}. */
    public RawSocket send(int... bytes) throws IOException {
        return send(RawPackets.bytes(bytes));
    }

    public RawSocket send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Exactly {@code n} bytes; fails on end of stream or after the read timeout. */
    public byte[] read(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("Stream ended after " + bytes.length + " of " + n + " bytes: "
                    + Arrays.toString(bytes));
        }
        return bytes;
    }

    /** Exactly {@code n} bytes within {@code timeout}, or a {@link SocketTimeoutException}. */
    public byte[] readWithin(int n, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return read(n);
        } finally {
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        }
    }

    /**
     * True if the peer closes (or resets) the connection within {@code timeout}; bytes arriving meanwhile are
     * skipped.
     */
    public boolean closedByPeerWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() >= 0) {
                // skip whatever the peer still sends before it closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
