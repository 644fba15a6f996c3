package io.github.mqttbridge.client.internal.transport;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * How to open a transport. {@code sslContext} null means the JVM's default trust store; host-name verification is
 * on unless {@code hostnameVerification} is false. {@code webSocketSubprotocol} is "mqtt" for 3.1.1, "mqttv3.1"
 * for 3.1. {@code alpnProtocols} are offered in the TLS handshake of {@code ssl://} connections (empty: none).
 */
public record TransportOptions(Duration connectTimeout, SSLContext sslContext, boolean hostnameVerification,
                               String webSocketSubprotocol, List<String> alpnProtocols) {
    public TransportOptions {
        alpnProtocols = List.copyOf(alpnProtocols);
    }

    public TransportOptions(Duration connectTimeout, SSLContext sslContext, boolean hostnameVerification,
                            String webSocketSubprotocol) {
        this(connectTimeout, sslContext, hostnameVerification, webSocketSubprotocol, List.of());
    }
}
