package io.github.mqttbridge.client.internal.transport;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How to open a transport. {@code sslContext} null means the JVM's default trust store; host-name verification is
 * on unless {@code hostnameVerification} is false. {@code webSocketSubprotocol} is "mqtt" for 3.1.1, "mqttv3.1"
 * for 3.1.
 */
public record TransportOptions(Duration connectTimeout, SSLContext sslContext, boolean hostnameVerification,
                               String webSocketSubprotocol) {
}
