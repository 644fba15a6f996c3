package io.github.mqttbridge.client.internal.transport;

import java.io.IOException;
import java.util.Objects;

/** Opens the transport a server URI asks for. */
public final class Transports {

    private Transports() {
    }

    /**
     * Connects to {@code uri}; returns once the transport is ready for MQTT bytes (TCP connected, TLS handshake and
     * WebSocket upgrade done), all within {@code options.connectTimeout()} (null means 30 s, zero means no limit).
     *
     * @throws IOException when the server cannot be reached, the TLS handshake fails (an
     *                     {@link javax.net.ssl.SSLHandshakeException} with the JDK's reason), the WebSocket upgrade
     *                     is refused, or the timeout passes (a {@link java.net.SocketTimeoutException})
     */
    public static Transport open(ServerUri uri, TransportOptions options) throws IOException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        return switch (uri.scheme()) {
            case TCP -> TcpTransport.open(uri, options);
            case SSL -> TlsTransport.open(uri, options);
            case WS, WSS -> WebSocketTransport.open(uri, options);
        };
    }
}
