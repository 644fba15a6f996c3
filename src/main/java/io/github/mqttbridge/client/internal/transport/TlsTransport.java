package io.github.mqttbridge.client.internal.transport;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens {@code ssl://} connections: TCP first, then a TLS handshake, both inside the connect timeout. */
final class TlsTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TlsTransport.class);
    private static final AtomicBoolean WARNED_NO_HOSTNAME_VERIFICATION = new AtomicBoolean();

    private TlsTransport() {
    }

    static Transport open(ServerUri uri, TransportOptions options) throws IOException {
        LOG.debug("Opening TLS connection to {}", uri);
        Deadline deadline = Deadline.of(options);
        SSLContext context = sslContext(options);
        Socket plain = TcpTransport.connectSocket(uri, deadline);
        SSLSocket tls = null;
        try {
            tls = (SSLSocket) context.getSocketFactory().createSocket(plain, uri.host(), uri.port(), true);
            SSLParameters parameters = parameters(tls.getSSLParameters(), uri.host(), options.hostnameVerification());
            if (!options.alpnProtocols().isEmpty()) {
                parameters.setApplicationProtocols(options.alpnProtocols().toArray(String[]::new));
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(deadline.remainingMillis());
            tls.startHandshake();
            tls.setSoTimeout(0);
            LOG.debug("TLS handshake with {} done: {} {}, ALPN '{}'", uri, tls.getSession().getProtocol(),
                    tls.getSession().getCipherSuite(), tls.getApplicationProtocol());
            return new TcpTransport(tls, uri.toString());
        } catch (IOException | RuntimeException e) {
            (tls != null ? tls : plain).close();
            throw e;
        }
    }

    /** The given context, or the JVM's default one (the default trust store) when none is given. */
    static SSLContext sslContext(TransportOptions options) throws IOException {
        if (options.sslContext() != null) {
            return options.sslContext();
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("The JVM has no default SSLContext", e);
        }
    }

    /**
     * The JDK verifies the certificate chain always, but checks the host name only when asked to: "HTTPS" is the
     * RFC 2818 check that MQTT brokers' certificates follow too.
     */
    static SSLParameters parameters(SSLParameters base, String host, boolean hostnameVerification) {
        if (hostnameVerification) {
            base.setEndpointIdentificationAlgorithm("HTTPS");
        } else {
            base.setEndpointIdentificationAlgorithm(null);
            warnNoHostnameVerification();
        }
        sniName(host).ifPresent(name -> base.setServerNames(List.of(name)));
        return base;
    }

    static void warnNoHostnameVerification() {
        if (WARNED_NO_HOSTNAME_VERIFICATION.compareAndSet(false, true)) {
            LOG.warn("TLS host name verification is turned off: any server with a certificate the trust store "
                    + "accepts can pose as the broker");
        }
    }

    /** The JDK sends SNI only for names with a dot; brokers behind "localhost"-style names need it too. */
    private static Optional<SNIHostName> sniName(String host) {
        if (host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
