package io.github.mqttbridge.client.internal.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT over WebSocket ({@code ws://}, {@code wss://}) with the JDK's HttpClient. The MQTT bytes travel in binary
 * frames only; frame and packet boundaries are unrelated, so this is a byte stream like TCP.
 *
 * <p>Host names of {@code wss://} servers are always verified unless the JVM was started with
 * {@code -Djdk.internal.httpclient.disableHostnameVerification=true}: the JDK client reads that property once
 * for the whole JVM and has no per-client switch, so {@code hostnameVerification=false} alone cannot turn the
 * check off here. Failing closed (verifying anyway) is safer than silently verifying nothing for every client.
 */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    static final String DISABLE_HOSTNAME_VERIFICATION_PROPERTY = "jdk.internal.httpclient.disableHostnameVerification";
    private static final int INITIAL_WRITE_BUFFER = 8192;

    private final String peer;
    private final InboundFrames inbound;
    private final WebSocket webSocket;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ByteBuffer pending = ByteBuffer.allocate(INITIAL_WRITE_BUFFER);

    private WebSocketTransport(String peer, InboundFrames inbound, WebSocket webSocket) {
        this.peer = peer;
        this.inbound = inbound;
        this.webSocket = webSocket;
    }

    static WebSocketTransport open(ServerUri uri, TransportOptions options) throws IOException {
        LOG.debug("Opening WebSocket connection to {}", uri);
        Deadline deadline = Deadline.of(options);
        HttpClient.Builder clientBuilder = HttpClient.newBuilder();
        if (uri.scheme().secure()) {
            clientBuilder.sslContext(TlsTransport.sslContext(options));
            if (!options.hostnameVerification()) {
                warnHostnameVerificationStaysOn();
            }
        }
        Duration timeout = deadline.remaining();
        if (timeout != null) {
            clientBuilder.connectTimeout(timeout);
        }
        String subprotocol = options.webSocketSubprotocol() == null ? "mqtt" : options.webSocketSubprotocol();
        InboundFrames inbound = new InboundFrames();
        WebSocket.Builder builder = clientBuilder.build().newWebSocketBuilder().subprotocols(subprotocol);
        if (timeout != null) {
            builder.connectTimeout(timeout);
        }
        CompletableFuture<WebSocket> opening = builder.buildAsync(URI.create(uri.toString()), inbound);
        WebSocket webSocket = await(opening, deadline, uri);
        LOG.debug("WebSocket to {} open, subprotocol '{}'", uri, webSocket.getSubprotocol());
        return new WebSocketTransport(uri.toString(), inbound, webSocket);
    }

    private static WebSocket await(CompletableFuture<WebSocket> opening, Deadline deadline, ServerUri uri)
            throws IOException {
        try {
            Duration left = deadline.remaining();
            return left == null ? opening.get() : opening.get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new SocketTimeoutException("WebSocket connect to " + uri + " timed out");
        } catch (InterruptedException e) {
            opening.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while opening a WebSocket to " + uri);
        } catch (ExecutionException e) {
            throw asIOException(e.getCause(), "WebSocket connect to " + uri + " failed");
        }
    }

    /** Keeps the JDK's own exception (an SSLHandshakeException, say) so callers see the real reason. */
    static IOException asIOException(Throwable failure, String context) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException(context + ": " + failure, failure);
    }

    private static void warnHostnameVerificationStaysOn() {
        if (Boolean.getBoolean(DISABLE_HOSTNAME_VERIFICATION_PROPERTY)) {
            TlsTransport.warnNoHostnameVerification();
        } else {
            LOG.warn("hostnameVerification=false has no effect on wss:// connections: the JDK WebSocket client "
                    + "verifies host names unless the JVM runs with -D{}=true", DISABLE_HOSTNAME_VERIFICATION_PROPERTY);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return inbound.read(dst);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        ensureOpen();
        if (pending.remaining() < src.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + src.remaining()));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(src);
    }

    @Override
    public boolean framesEachFlush() {
        return true;
    }

    /** One binary frame per flush; waiting for it to be sent is the writer's back-pressure. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        try {
            webSocket.sendBinary(pending, true).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while sending to " + peer);
        } catch (ExecutionException e) {
            throw asIOException(e.getCause(), "Sending to " + peer + " failed");
        } finally {
            pending.clear();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            throw new IOException("Transport to " + peer + " is closed");
        }
    }

    /** Sends a Close frame, then drops the connection without waiting for the server's reply. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inbound.closeLocally();
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((ignored, error) -> webSocket.abort());
            LOG.debug("Closed WebSocket connection to {}", peer);
        }
    }

    @Override
    public String toString() {
        return "WebSocketTransport[" + peer + "]";
    }
}
