package io.github.mqttbridge.client.internal.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Turns the WebSocket's pushed frames into a blocking byte stream. Exactly one more frame is requested only after
 * the reader consumed the previous one, so a slow reader stops the socket (TCP back-pressure) instead of frames
 * piling up in memory. The JDK keeps a frame's buffer valid until the returned stage completes, so frames are
 * read in place, without copying.
 */
final class InboundFrames implements WebSocket.Listener {

    private sealed interface Event permits Frame, End, Failure {
    }

    private record Frame(ByteBuffer data, CompletableFuture<Void> consumed) implements Event {
    }

    /** The stream ended: the server closed it, or we did. */
    private record End(String why) implements Event {
    }

    private record Failure(IOException error) implements Event {
    }

    /** Holds at most one frame (demand is one) plus the end or a failure. */
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile WebSocket webSocket;
    /** The frame being read; only the reader thread touches it. */
    private Frame current;
    /** The final event, repeated to every later read. */
    private volatile Event terminal;

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        Frame frame = new Frame(data, new CompletableFuture<>());
        events.add(frame);
        return frame.consumed();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        events.add(new Failure(new IOException("The server sent a text frame; MQTT over WebSocket uses binary frames only")));
        webSocket.abort();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add(new End("closed by the server: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add(new Failure(WebSocketTransport.asIOException(error, "WebSocket failed")));
    }

    void closeLocally() {
        events.add(new End("closed locally"));
    }

    int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (current == null) {
            Event event = terminal != null ? terminal : next();
            if (event instanceof Frame frame) {
                current = frame;
            } else {
                terminal = event;
                if (event instanceof Failure failure) {
                    throw new IOException(failure.error().getMessage(), failure.error());
                }
                return -1;
            }
            if (!current.data().hasRemaining()) {
                consumed();
            }
        }
        ByteBuffer data = current.data();
        int n = Math.min(dst.remaining(), data.remaining());
        ByteBuffer slice = data.slice(data.position(), n);
        dst.put(slice);
        data.position(data.position() + n);
        if (!data.hasRemaining()) {
            consumed();
        }
        return n;
    }

    private Event next() throws InterruptedIOException {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading from a WebSocket");
        }
    }

    private void consumed() {
        current.consumed().complete(null);
        current = null;
        webSocket.request(1);
    }
}
