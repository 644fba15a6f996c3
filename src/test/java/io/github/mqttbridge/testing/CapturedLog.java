package io.github.mqttbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to System.err from {@link #install()} until {@link #close()}, still shown on the console. slf4j-simple
 * writes there, so a test sees every log line of an in-process Connect worker and its connectors: to wait for a
 * line, or to search the whole run for a secret that must not be in it. Install it before the worker starts.
 */
public final class CapturedLog implements AutoCloseable {
    private final ByteArrayOutputStream capture = new ByteArrayOutputStream();
    private final PrintStream original;

    private CapturedLog() {
        original = System.err;
        System.setErr(new PrintStream(new Tee(original, capture), true, StandardCharsets.UTF_8));
    }

    public static CapturedLog install() {
        return new CapturedLog();
    }

    /** All that was logged so far. */
    public String text() {
        synchronized (capture) {
            return capture.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream capture;

        Tee(OutputStream console, ByteArrayOutputStream capture) {
            this.console = console;
            this.capture = capture;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (capture) {
                capture.write(b, off, len);
            }
            try {
                console.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
