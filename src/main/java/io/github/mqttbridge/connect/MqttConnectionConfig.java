package io.github.mqttbridge.connect;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that say how to reach the MQTT broker, shared by the source and the sink connector: servers, client id,
 * credentials, protocol version, keep-alive, and TLS from key stores or PEM. Each connector's config extends this
 * one with its own keys.
 */
public class MqttConnectionConfig extends AbstractConfig {
    private static final Logger log = LoggerFactory.getLogger(MqttConnectionConfig.class);
    public static final String CONNECTION_GROUP = "MQTT connection";
    public static final String TLS_GROUP = "MQTT TLS";

    public static final String SERVER_URIS_CONFIG = "mqtt.server.uris";
    private static final String SERVER_URIS_DOC = "The MQTT brokers to connect to, tried in order: tcp://host:port, "
            + "ssl://host:port, ws://host:port/path or wss://host:port/path.";

    public static final String CLIENT_ID_CONFIG = "mqtt.client.id";
    private static final String CLIENT_ID_DOC = "The MQTT client id; task i connects as '<id>-<i>'. Empty: derived "
            + "from the connector name, so it is stable across restarts and unique per task. Two live connections "
            + "with one id make the broker drop the older one, so never give two connectors the same id.";

    public static final String USERNAME_CONFIG = "mqtt.username";
    private static final String USERNAME_DOC = "The user name to authenticate with; empty for none.";

    public static final String PASSWORD_CONFIG = "mqtt.password";
    private static final String PASSWORD_DOC = "The password to authenticate with; needs mqtt.username.";

    public static final String CLEAN_SESSION_CONFIG = "mqtt.clean.session";
    private static final String CLEAN_SESSION_DOC = "Whether the broker discards the session when the client "
            + "disconnects. False keeps subscriptions and queued QoS 1/2 messages across restarts of a task.";

    public static final String KEEPALIVE_INTERVAL_MS_CONFIG = "mqtt.keepalive.interval.ms";
    private static final String KEEPALIVE_INTERVAL_MS_DOC = "The longest silence on the connection before a ping; "
            + "a ping unanswered for as long marks the connection dead. Whole seconds; 0 turns keep-alive off.";

    public static final String CONNECT_TIMEOUT_MS_CONFIG = "mqtt.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "How long one connection attempt may take, TCP and TLS "
            + "handshakes and CONNACK included.";

    public static final String VERSION_CONFIG = "mqtt.version";
    private static final String VERSION_DOC = "The MQTT protocol version: 3.1.1 or 3.1.";

    public static final String RECONNECT_BACKOFF_MIN_MS_CONFIG = "mqtt.reconnect.backoff.min.ms";
    private static final String RECONNECT_BACKOFF_MIN_MS_DOC = "The first delay before reconnecting after a lost "
            + "connection; it doubles with each failed attempt.";

    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "mqtt.reconnect.backoff.max.ms";
    private static final String RECONNECT_BACKOFF_MAX_MS_DOC = "The longest delay between reconnect attempts.";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "mqtt.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "mqtt.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "mqtt.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "mqtt.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "mqtt.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = "mqtt.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD_CONFIG = "mqtt.ssl.key.password";
    public static final String SSL_CA_PEM_CONFIG = "mqtt.ssl.ca.pem";
    public static final String SSL_CERT_PEM_CONFIG = "mqtt.ssl.cert.pem";
    public static final String SSL_KEY_PEM_CONFIG = "mqtt.ssl.key.pem";
    public static final String SSL_HOSTNAME_VERIFICATION_CONFIG = "mqtt.ssl.hostname.verification";

    private static final List<String> STORE_TYPES = List.of("JKS", "PKCS12");
    private static final List<String> VERSIONS = List.of("3.1.1", "3.1");

    protected MqttConnectionConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
        Map<String, String> problems = crossFieldProblems(this);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), null, first.getValue());
        }
    }

    /** Adds the connection keys to a connector's definition; {@code cleanSessionDefault} differs per connector. */
    public static ConfigDef addConnectionKeys(ConfigDef def, boolean cleanSessionDefault) {
        int order = 0;
        def.define(SERVER_URIS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ServerUrisValidator(),
                        Importance.HIGH, SERVER_URIS_DOC, CONNECTION_GROUP, ++order, Width.LONG, "MQTT servers")
                .define(CLIENT_ID_CONFIG, Type.STRING, "", new MqttStringValidator(), Importance.MEDIUM, CLIENT_ID_DOC, CONNECTION_GROUP,
                        ++order, Width.MEDIUM, "Client id")
                .define(USERNAME_CONFIG, Type.STRING, null, new MqttStringValidator(), Importance.HIGH, USERNAME_DOC, CONNECTION_GROUP, ++order,
                        Width.MEDIUM, "User name")
                .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, CONNECTION_GROUP,
                        ++order, Width.MEDIUM, "Password")
                .define(CLEAN_SESSION_CONFIG, Type.BOOLEAN, cleanSessionDefault, Importance.MEDIUM,
                        CLEAN_SESSION_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Clean session")
                .define(KEEPALIVE_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, ConfigDef.Range.between(0, 65_535_000L),
                        Importance.LOW, KEEPALIVE_INTERVAL_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                        "Keep-alive interval (ms)")
                .define(CONNECT_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, CONNECT_TIMEOUT_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                        "Connect timeout (ms)")
                .define(VERSION_CONFIG, Type.STRING, "3.1.1", ConfigDef.ValidString.in("3.1.1", "3.1"),
                        Importance.LOW, VERSION_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "MQTT version",
                        new FixedValues(VERSIONS))
                .define(RECONNECT_BACKOFF_MIN_MS_CONFIG, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, RECONNECT_BACKOFF_MIN_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                        "Reconnect backoff min (ms)")
                .define(RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 120_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, RECONNECT_BACKOFF_MAX_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                        "Reconnect backoff max (ms)");
        order = 0;
        String storeTypes = "JKS or PKCS12";
        def.define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, new StoreFileValidator(), Importance.MEDIUM,
                        "A trust store file with the CAs that may sign the broker's certificate. Empty (and no "
                        + SSL_CA_PEM_CONFIG + "): the JVM's default trust store.", TLS_GROUP, ++order, Width.LONG,
                        "Trust store")
                .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        "The trust store's password.", TLS_GROUP, ++order, Width.MEDIUM, "Trust store password")
                .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", caseInsensitive(STORE_TYPES),
                        Importance.LOW, "The trust store's type: " + storeTypes + ".", TLS_GROUP, ++order,
                        Width.SHORT, "Trust store type", new FixedValues(STORE_TYPES))
                .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, new StoreFileValidator(), Importance.MEDIUM,
                        "A key store file with the client certificate and key, for brokers that require one.",
                        TLS_GROUP, ++order, Width.LONG, "Key store")
                .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        "The key store's password.", TLS_GROUP, ++order, Width.MEDIUM, "Key store password")
                .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", caseInsensitive(STORE_TYPES),
                        Importance.LOW, "The key store's type: " + storeTypes + ".", TLS_GROUP, ++order,
                        Width.SHORT, "Key store type", new FixedValues(STORE_TYPES))
                .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "The password of the key in the key store, if it differs from the store's.", TLS_GROUP,
                        ++order, Width.MEDIUM, "Key password")
                .define(SSL_CA_PEM_CONFIG, Type.STRING, null, new PemValidator(TlsContextFactory::certificatesOf),
                        Importance.MEDIUM,
                        "The CA certificates to trust, in PEM: the text itself or the path of a file. Instead of "
                        + "a trust store.", TLS_GROUP, ++order, Width.LONG, "CA (PEM)")
                .define(SSL_CERT_PEM_CONFIG, Type.STRING, null, new PemValidator(TlsContextFactory::certificatesOf),
                        Importance.MEDIUM,
                        "The client certificate chain in PEM (text or file path), with " + SSL_KEY_PEM_CONFIG
                        + ". Instead of a key store.", TLS_GROUP, ++order, Width.LONG, "Client certificate (PEM)")
                .define(SSL_KEY_PEM_CONFIG, Type.PASSWORD, null, new PemValidator(TlsContextFactory::privateKeyOf),
                        Importance.MEDIUM,
                        "The client's private key in PEM (text or file path), unencrypted PKCS#8 or PKCS#1 RSA.",
                        TLS_GROUP, ++order, Width.LONG, "Client key (PEM)")
                .define(SSL_HOSTNAME_VERIFICATION_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Whether the broker's certificate must name the host we connect to. Turn off only for "
                        + "testing: it lets anyone with a certificate from a trusted CA pose as the broker.",
                        TLS_GROUP, ++order, Width.SHORT, "Verify host name");
        return def;
    }

    /**
     * Rules that join several keys, by the key to report each on: what {@code validate()} shows per key in the
     * REST API, and what the constructor refuses.
     */
    public static Map<String, String> crossFieldProblems(AbstractConfig c) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (c.getPassword(PASSWORD_CONFIG) != null && blank(c.getString(USERNAME_CONFIG))) {
            problems.put(PASSWORD_CONFIG, "a password needs " + USERNAME_CONFIG + ": MQTT sends none without a user name");
        }
        boolean stores = !blank(c.getString(SSL_TRUSTSTORE_LOCATION_CONFIG))
                || !blank(c.getString(SSL_KEYSTORE_LOCATION_CONFIG));
        boolean pem = !blank(c.getString(SSL_CA_PEM_CONFIG)) || !blank(c.getString(SSL_CERT_PEM_CONFIG))
                || c.getPassword(SSL_KEY_PEM_CONFIG) != null;
        if (stores && pem) {
            problems.put(SSL_CA_PEM_CONFIG, "give TLS material either as key stores (mqtt.ssl.truststore.*, "
                    + "mqtt.ssl.keystore.*) or as PEM (mqtt.ssl.ca.pem, mqtt.ssl.cert.pem, mqtt.ssl.key.pem), not both");
        }
        if (!blank(c.getString(SSL_CERT_PEM_CONFIG)) != (c.getPassword(SSL_KEY_PEM_CONFIG) != null)) {
            problems.put(SSL_CERT_PEM_CONFIG, SSL_CERT_PEM_CONFIG + " and " + SSL_KEY_PEM_CONFIG
                    + " go together: a client certificate needs its key");
        }
        if (!blank(c.getString(SSL_KEYSTORE_LOCATION_CONFIG)) && c.getPassword(SSL_KEYSTORE_PASSWORD_CONFIG) == null) {
            problems.put(SSL_KEYSTORE_PASSWORD_CONFIG, "the key store needs its password");
        }
        if (c.getLong(RECONNECT_BACKOFF_MAX_MS_CONFIG) < c.getLong(RECONNECT_BACKOFF_MIN_MS_CONFIG)) {
            problems.put(RECONNECT_BACKOFF_MAX_MS_CONFIG, "must not be less than " + RECONNECT_BACKOFF_MIN_MS_CONFIG);
        }
        if (c.getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG) != null && blank(c.getString(SSL_TRUSTSTORE_LOCATION_CONFIG))) {
            problems.put(SSL_TRUSTSTORE_PASSWORD_CONFIG, "a trust store password needs "
                    + SSL_TRUSTSTORE_LOCATION_CONFIG + ", the file it opens");
        }
        if (c.getPassword(SSL_KEY_PASSWORD_CONFIG) != null && blank(c.getString(SSL_KEYSTORE_LOCATION_CONFIG))) {
            problems.put(SSL_KEY_PASSWORD_CONFIG, "a key password needs " + SSL_KEYSTORE_LOCATION_CONFIG
                    + ", the key store that holds the key");
        }
        if (problems.isEmpty()) {
            storeProblems(c, problems);
        }
        return problems;
    }

    /**
     * Opens the key stores with their passwords, so that a wrong password or a file that is no store of the
     * type given is reported at validation on the key to fix, not as a task that cannot connect.
     */
    private static void storeProblems(AbstractConfig c, Map<String, String> problems) {
        String trust = c.getString(SSL_TRUSTSTORE_LOCATION_CONFIG);
        if (!blank(trust)) {
            storeProblem(trust, c.getString(SSL_TRUSTSTORE_TYPE_CONFIG), c.getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG),
                    null, SSL_TRUSTSTORE_LOCATION_CONFIG, SSL_TRUSTSTORE_PASSWORD_CONFIG, null, problems);
        }
        String keys = c.getString(SSL_KEYSTORE_LOCATION_CONFIG);
        if (!blank(keys)) {
            Password keyPassword = c.getPassword(SSL_KEY_PASSWORD_CONFIG);
            storeProblem(keys, c.getString(SSL_KEYSTORE_TYPE_CONFIG), c.getPassword(SSL_KEYSTORE_PASSWORD_CONFIG),
                    keyPassword, SSL_KEYSTORE_LOCATION_CONFIG, SSL_KEYSTORE_PASSWORD_CONFIG,
                    keyPassword != null ? SSL_KEY_PASSWORD_CONFIG : SSL_KEYSTORE_PASSWORD_CONFIG, problems);
        }
    }

    /** {@code keyPasswordKey} null: a trust store, whose keys are not read. Messages never hold a password. */
    private static void storeProblem(String location, String type, Password password, Password keyPassword,
                                     String locationKey, String passwordKey, String keyPasswordKey,
                                     Map<String, String> problems) {
        char[] storePassword = password == null ? null : password.value().toCharArray();
        TlsContextFactory.StoreFile file = new TlsContextFactory.StoreFile(location, type.toUpperCase(Locale.ROOT),
                storePassword);
        try {
            if (keyPasswordKey == null) {
                TlsContextFactory.fromStores(file, null, null);
            } else {
                TlsContextFactory.fromStores(null, file,
                        keyPassword == null ? storePassword : keyPassword.value().toCharArray());
            }
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                problems.put(passwordKey, "the password does not open " + location);
            } else {
                problems.put(locationKey, "cannot read " + location + " as a " + type + " store (" + e.getMessage()
                        + "); check the file and the store type");
            }
        } catch (UnrecoverableKeyException e) {
            problems.put(keyPasswordKey, "the password does not unlock the key in " + location);
        } catch (GeneralSecurityException e) {
            problems.put(locationKey, "cannot use " + location + " as a " + type + " store: " + e.getMessage());
        }
    }

    /** Adds the cross-field problems to the per-key results of {@code Connector.validate}. */
    public static void reportCrossFieldProblems(Map<String, ConfigValue> values, AbstractConfig parsed) {
        crossFieldProblems(parsed).forEach((key, message) -> {
            ConfigValue value = values.get(key);
            if (value != null) {
                value.addErrorMessage(message);
            }
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public List<String> serverUris() {
        return getList(SERVER_URIS_CONFIG);
    }

    /** The client id of task {@code taskIndex}: the configured id, or one derived from the connector's name. */
    public String clientId(String connectorName, int taskIndex) {
        String base = getString(CLIENT_ID_CONFIG);
        if (blank(base)) {
            base = connectorName == null ? "kafka-connect-mqtt" : connectorName.replaceAll("[^A-Za-z0-9._-]", "_");
        }
        return base + "-" + taskIndex;
    }

    public boolean cleanSession() {
        return getBoolean(CLEAN_SESSION_CONFIG);
    }

    /** The client's connect options for these keys, with reconnect on: a task never gives up on its broker. */
    public ConnectOptions.Builder connectOptions() {
        if (!getBoolean(SSL_HOSTNAME_VERIFICATION_CONFIG)) {
            // Per connection config, not once per JVM as the client does: each connector that turns it off says so.
            log.warn("{}=false: the broker's certificate is not checked against the host name in {}, so anyone "
                    + "with a certificate from a trusted CA can pose as the broker; use it only for testing",
                    SSL_HOSTNAME_VERIFICATION_CONFIG, serverUris());
        }
        ConnectOptions.Builder b = ConnectOptions.builder()
                .hosts(serverUris())
                .cleanSession(cleanSession())
                .keepAliveInterval(Duration.ofSeconds(getLong(KEEPALIVE_INTERVAL_MS_CONFIG) / 1000))
                .timeout(Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS_CONFIG)))
                .mqttVersion(getString(VERSION_CONFIG).equals("3.1") ? 3 : 4)
                .reconnect(true)
                .retryInitialConnect(true)
                .reconnectDelay(Duration.ofMillis(getLong(RECONNECT_BACKOFF_MIN_MS_CONFIG)),
                        Duration.ofMillis(getLong(RECONNECT_BACKOFF_MAX_MS_CONFIG)))
                .hostnameVerification(getBoolean(SSL_HOSTNAME_VERIFICATION_CONFIG));
        String user = getString(USERNAME_CONFIG);
        if (!blank(user)) {
            b.userName(user);
        }
        Password password = getPassword(PASSWORD_CONFIG);
        if (password != null) {
            b.password(password.value().toCharArray());
        }
        sslContext().ifPresent(b::sslContext);
        return b;
    }

    /** The TLS context the keys describe, or empty for the JVM's defaults. */
    public Optional<SSLContext> sslContext() {
        try {
            if (!blank(getString(SSL_TRUSTSTORE_LOCATION_CONFIG)) || !blank(getString(SSL_KEYSTORE_LOCATION_CONFIG))) {
                return Optional.of(TlsContextFactory.fromStores(store(SSL_TRUSTSTORE_LOCATION_CONFIG,
                        SSL_TRUSTSTORE_TYPE_CONFIG, SSL_TRUSTSTORE_PASSWORD_CONFIG), store(SSL_KEYSTORE_LOCATION_CONFIG,
                        SSL_KEYSTORE_TYPE_CONFIG, SSL_KEYSTORE_PASSWORD_CONFIG), chars(SSL_KEY_PASSWORD_CONFIG)));
            }
            Password key = getPassword(SSL_KEY_PEM_CONFIG);
            if (!blank(getString(SSL_CA_PEM_CONFIG)) || !blank(getString(SSL_CERT_PEM_CONFIG))) {
                return Optional.of(TlsContextFactory.fromPem(getString(SSL_CA_PEM_CONFIG),
                        getString(SSL_CERT_PEM_CONFIG), key == null ? null : key.value()));
            }
            return Optional.empty();
        } catch (GeneralSecurityException | IOException e) {
            // The message names the key and the reason, never a password or key material.
            throw new ConfigException("Cannot build the TLS context from the mqtt.ssl.* keys: " + e.getMessage());
        }
    }

    private TlsContextFactory.StoreFile store(String locationKey, String typeKey, String passwordKey) {
        String location = getString(locationKey);
        return blank(location) ? null : new TlsContextFactory.StoreFile(location,
                getString(typeKey).toUpperCase(Locale.ROOT), chars(passwordKey));
    }

    private char[] chars(String passwordKey) {
        Password p = getPassword(passwordKey);
        return p == null ? null : p.value().toCharArray();
    }

    private static ConfigDef.Validator caseInsensitive(List<String> allowed) {
        return ConfigDef.CaseInsensitiveValidString.in(allowed.toArray(new String[0]));
    }

    /** Checks every server URI with the client's own parser, so the message says which one is wrong and why. */
    static final class ServerUrisValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> uris = (List<String>) value;
            if (uris == null || uris.isEmpty()) {
                throw new ConfigException(name, value, "give at least one broker URI, e.g. tcp://broker:1883");
            }
            for (int i = 0; i < uris.size(); i++) {
                try {
                    ServerUri.parse(uris.get(i), name + "[" + i + "]");
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, uris.get(i), e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "tcp://, ssl://, ws:// or wss:// URIs";
        }
    }

    /**
     * An MQTT string field (client id, user name): MQTT forbids U+0000 and limits it to 65535 bytes of UTF-8;
     * the broker would close the connection at once, with no reason given.
     */
    static final class MqttStringValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = (String) value;
            if (s == null) {
                return;
            }
            if (s.indexOf('\u0000') >= 0) {
                throw new ConfigException(name, s.replace("\u0000", "\\u0000"),
                        "MQTT does not allow the character U+0000 here; remove it");
            }
            if (s.getBytes(StandardCharsets.UTF_8).length > 65_535) {
                throw new ConfigException(name + " is longer than MQTT allows: at most 65535 bytes of UTF-8");
            }
        }

        @Override
        public String toString() {
            return "at most 65535 bytes of UTF-8, without U+0000";
        }
    }

    /** A key or trust store must be a readable file on the worker that runs the task. */
    static final class StoreFileValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String location = (String) value;
            if (!blank(location) && !Files.isReadable(Path.of(location.trim()))) {
                throw new ConfigException(name, location, "no readable file there; give the path of a JKS or "
                        + "PKCS12 file that every Connect worker can read");
            }
        }

        @Override
        public String toString() {
            return "the path of a JKS or PKCS12 file";
        }
    }

    /** Parses a PEM key's certificates or private key as the task will; the message never shows a key. */
    static final class PemValidator implements ConfigDef.Validator {
        interface PemParser {
            void parse(String pem) throws GeneralSecurityException, IOException;
        }

        private final PemParser parser;

        PemValidator(PemParser parser) {
            this.parser = parser;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String pem = value instanceof Password p ? p.value() : (String) value;
            if (blank(pem)) {
                return;
            }
            try {
                parser.parse(pem);
            } catch (IOException e) {
                throw new ConfigException(name + ": neither PEM text (-----BEGIN ...) nor a readable file ("
                        + e.getMessage() + ")");
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "PEM text or the path of a PEM file";
        }
    }

    /** Offers a fixed list of values in the REST API's recommendations; shared by both connectors' configs. */
    public record FixedValues(List<?> values) implements ConfigDef.Recommender {
        public FixedValues {
            values = List.copyOf(values);
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.copyOf(values);
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }
}
