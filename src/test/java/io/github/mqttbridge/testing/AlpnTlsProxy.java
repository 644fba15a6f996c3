package io.github.mqttbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS listener that serves MQTT only to clients that negotiate one ALPN protocol, as AWS IoT Core does on port
 * 443 ({@code x-amzn-mqtt-ca}): it ends TLS and relays the bytes to a plain MQTT broker. A client that offers other
 * protocols fails the handshake; one that offers none is closed right after it.
 */
public final class AlpnTlsProxy implements AutoCloseable {
    private final SSLServerSocket server;
    private final String protocol;
    private final InetSocketAddress broker;
    private final List<String> negotiated = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public AlpnTlsProxy(SSLContext context, String protocol, InetSocketAddress broker) throws IOException {
        this.protocol = protocol;
        this.broker = broker;
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {protocol});
        server.setSSLParameters(parameters);
        Thread acceptor = new Thread(this::accept, "alpn-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The protocol each completed handshake negotiated ("" when the client offered none), in order. */
    public List<String> negotiated() {
        return List.copyOf(negotiated);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                open.add(client);
                Thread serving = new Thread(() -> serve(client), "alpn-proxy-client");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SSLSocket client) {
        try {
            client.startHandshake();
            negotiated.add(client.getApplicationProtocol());
            if (!protocol.equals(client.getApplicationProtocol())) {
                client.close();
                return;
            }
            Socket upstream = new Socket(broker.getAddress(), broker.getPort());
            open.add(upstream);
            Thread back = new Thread(() -> relay(upstream, client), "alpn-proxy-back");
            back.setDaemon(true);
            back.start();
            relay(client, upstream);
        } catch (IOException handshakeRefusedOrClosed) {
            closeQuietly(client);
        }
    }

    private static void relay(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // one side went away: end both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(AlpnTlsProxy::closeQuietly);
    }
}
