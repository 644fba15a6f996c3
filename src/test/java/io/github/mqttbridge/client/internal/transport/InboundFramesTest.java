package io.github.mqttbridge.client.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket listener as a byte stream: frame boundaries vanish, and demand follows the reader. */
class InboundFramesTest {

    private final RecordingWebSocket webSocket = new RecordingWebSocket();
    private final InboundFrames frames = new InboundFrames();

    @BeforeEach
    void open() {
        frames.onOpen(webSocket);
    }

    @Test
    void requestsTheNextFrameOnlyAfterTheReaderConsumedThePreviousOne() throws IOException {
        assertEquals(1, webSocket.requested.get());
        CompletionStage<?> first = frames.onBinary(webSocket, ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
        ByteBuffer dst = ByteBuffer.allocate(2);
        assertEquals(2, frames.read(dst));
        assertFalse(first.toCompletableFuture().isDone(), "the frame is not consumed yet");
        assertEquals(1, webSocket.requested.get(), "no more demand while the frame is half read");
        assertEquals(1, frames.read(ByteBuffer.allocate(8)));
        assertTrue(first.toCompletableFuture().isDone());
        assertEquals(2, webSocket.requested.get());
    }

    @Test
    void aPacketSplitOverFramesReadsAsOneStream() throws IOException {
        frames.onBinary(webSocket, ByteBuffer.wrap(new byte[] {0x20, 0x02}), true);
        frames.onBinary(webSocket, ByteBuffer.wrap(new byte[] {0x00, 0x00}), true);
        ByteBuffer dst = ByteBuffer.allocate(4);
        while (dst.hasRemaining()) {
            frames.read(dst);
        }
        assertEquals(ByteBuffer.wrap(new byte[] {0x20, 0x02, 0x00, 0x00}), dst.flip());
    }

    @Test
    void readsIntoDirectBuffersToo() throws IOException {
        frames.onBinary(webSocket, ByteBuffer.wrap(new byte[] {(byte) 0xD0, 0x00}), true);
        ByteBuffer dst = ByteBuffer.allocateDirect(16);
        assertEquals(2, frames.read(dst));
        assertEquals((byte) 0xD0, dst.get(0));
    }

    @Test
    void aCloseFromTheServerEndsTheStreamAfterTheDataBeforeIt() throws IOException {
        frames.onBinary(webSocket, ByteBuffer.wrap(new byte[] {7}), true);
        frames.onClose(webSocket, WebSocket.NORMAL_CLOSURE, "bye");
        assertEquals(1, frames.read(ByteBuffer.allocate(4)));
        assertEquals(-1, frames.read(ByteBuffer.allocate(4)));
        assertEquals(-1, frames.read(ByteBuffer.allocate(4)), "the end repeats");
    }

    @Test
    void aTextFrameIsAProtocolError() {
        frames.onText(webSocket, "hello", true);
        IOException error = assertThrows(IOException.class, () -> frames.read(ByteBuffer.allocate(4)));
        assertTrue(error.getMessage().contains("text frame"), error.getMessage());
        assertTrue(webSocket.aborted.get());
    }

    @Test
    void anErrorFailsTheReader() {
        frames.onError(webSocket, new IOException("connection reset"));
        assertEquals("connection reset",
                assertThrows(IOException.class, () -> frames.read(ByteBuffer.allocate(4))).getMessage());
    }

    @Test
    void closingLocallyWakesABlockedReader() throws Exception {
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return frames.read(ByteBuffer.allocate(4));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        frames.closeLocally();
        assertEquals(-1, read.get(10, TimeUnit.SECONDS));
    }

    /** Records demand and aborts; sending is not what these tests are about. */
    private static final class RecordingWebSocket implements WebSocket {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean aborted = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void abort() {
            aborted.set(true);
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getSubprotocol() {
            return "mqtt";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }
    }
}
