package io.github.mqttbridge.client.internal.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A broker address: {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://host:port/path} or
 * {@code wss://host:port/path}. {@code mqtt://} and {@code mqtts://} are accepted as aliases of tcp and ssl.
 */
public record ServerUri(Scheme scheme, String host, int port, String path) {

    /** How the bytes travel. */
    public enum Scheme {
        TCP("tcp", 1883, false, false),
        SSL("ssl", 8883, true, false),
        WS("ws", 80, false, true),
        WSS("wss", 443, true, true);

        private final String text;
        private final int defaultPort;
        private final boolean secure;
        private final boolean webSocket;

        Scheme(String text, int defaultPort, boolean secure, boolean webSocket) {
            this.text = text;
            this.defaultPort = defaultPort;
            this.secure = secure;
            this.webSocket = webSocket;
        }

        public boolean secure() {
            return secure;
        }

        public boolean webSocket() {
            return webSocket;
        }

        /** The same transport with TLS on top: what {@code useSsl(true)} turns tcp into. */
        public Scheme withTls() {
            return this == TCP ? SSL : this == WS ? WSS : this;
        }

        static Scheme parse(String s, String parameter, String uri) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "tcp", "mqtt": return TCP;
                case "ssl", "tls", "mqtts": return SSL;
                case "ws": return WS;
                case "wss": return WSS;
                default:
                    throw new IllegalArgumentException(parameter + " has an unknown scheme '" + s + "' in '" + uri
                            + "': use tcp://, ssl://, ws:// or wss://");
            }
        }
    }

    public static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

    public ServerUri {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        if (path == null || path.isEmpty()) {
            path = scheme.webSocket ? DEFAULT_WEBSOCKET_PATH : "";
        }
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
    }

    /**
     * Parses a server URI; the exception names {@code parameter} (for example "uri" or "hosts[1]") and says
     * what is wrong.
     */
    public static ServerUri parse(String uri, String parameter) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be empty");
        }
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(parameter + " is not a valid URI: '" + uri + "' (" + e.getReason() + ")");
        }
        if (parsed.getScheme() == null) {
            throw new IllegalArgumentException(parameter + " needs a scheme, as in tcp://" + uri + ", was '" + uri + "'");
        }
        Scheme scheme = Scheme.parse(parsed.getScheme(), parameter, uri);
        String host = parsed.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(parameter + " has no host name: '" + uri + "'");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = parsed.getPort() == -1 ? scheme.defaultPort : parsed.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(parameter + " has a port out of range 1-65535: '" + uri + "'");
        }
        String path = parsed.getRawPath();
        if (!scheme.webSocket && path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException(parameter + " has a path, which only ws:// and wss:// take: '" + uri + "'");
        }
        return new ServerUri(scheme, host, port, scheme.webSocket ? path : "");
    }

    public ServerUri withScheme(Scheme other) {
        return new ServerUri(other, host, port, other.webSocket ? path : "");
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme.text + "://" + h + ":" + port + path;
    }
}
