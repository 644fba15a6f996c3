package io.github.mqttbridge.client.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.mqttbridge.testing.RawPackets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Hand-written MQTT exchanges over a transport, with reads bounded in time so a silent server fails fast. */
final class TransportExchange {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private TransportExchange() {
    }

    static TransportOptions options(javax.net.ssl.SSLContext context) {
        return new TransportOptions(Duration.ofSeconds(10), context, true, "mqtt");
    }

    /** CONNECT must be answered by an accepting CONNACK, and PINGREQ by PINGRESP. */
    static void connectAndPing(Transport transport, String clientId) throws Exception {
        send(transport, RawPackets.connect311(clientId));
        assertArrayEquals(RawPackets.CONNACK_ACCEPTED, readExactly(transport, 4), "CONNACK");
        send(transport, RawPackets.PINGREQ);
        assertArrayEquals(RawPackets.PINGRESP, readExactly(transport, 2), "PINGRESP");
    }

    static void send(Transport transport, byte[] bytes) throws IOException {
        transport.write(ByteBuffer.wrap(bytes));
        transport.flush();
    }

    /** Reads exactly {@code n} bytes; closes the transport and fails after {@link #READ_TIMEOUT}. */
    static byte[] readExactly(Transport transport, int n) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            return reader.submit(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(n);
                while (buffer.hasRemaining()) {
                    if (transport.read(buffer) < 0) {
                        throw new IOException("Stream ended after " + buffer.position() + " of " + n + " bytes: "
                                + Arrays.toString(Arrays.copyOf(buffer.array(), buffer.position())));
                    }
                }
                return buffer.array();
            }).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            transport.close();
            throw new AssertionError("No " + n + " bytes within " + READ_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            reader.shutdownNow();
        }
    }
}
