package io.github.mqttbridge.client.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connected byte stream to a broker: TCP, TLS or WebSocket. The MQTT core above it is the same for all of them.
 * One thread reads and one thread writes; {@link #close()} may come from any thread and wakes both.
 */
public interface Transport extends Closeable {

    /**
     * Reads into {@code dst}, blocking until at least one byte arrives. Returns the number of bytes read, or -1
     * when the server closed the stream.
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes all remaining bytes of {@code src}; they may stay buffered until {@link #flush()}. */
    void write(ByteBuffer src) throws IOException;

    /** Sends everything written so far. */
    void flush() throws IOException;

    /** Whether each flush goes out as a message of its own (a WebSocket frame) rather than into a byte stream. */
    default boolean framesEachFlush() {
        return false;
    }

    /** Closes the connection; idempotent, and never throws. */
    @Override
    void close();
}
