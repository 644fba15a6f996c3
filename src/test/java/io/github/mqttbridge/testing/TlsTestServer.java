package io.github.mqttbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server presenting a chosen certificate, for checking what the client refuses without a broker: it
 * completes handshakes and drains what clients send, nothing more.
 */
public final class TlsTestServer implements AutoCloseable {

    private final SSLServerSocket server;
    private final Thread acceptor;

    public TlsTestServer(SSLContext context) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "tls-test-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                ((SSLSocket) client).startHandshake();
                InputStream in = client.getInputStream();
                while (in.read() >= 0) {
                    // drain until the client closes
                }
            } catch (IOException e) {
                // a refused handshake is what most tests here expect; go on to the next client
            }
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        server.close();
        acceptor.join(10_000);
    }
}
