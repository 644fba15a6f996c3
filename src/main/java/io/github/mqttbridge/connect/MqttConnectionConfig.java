package io.github.mqttbridge.connect;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.config.MqttStringValidator;
import io.github.mqttbridge.connect.config.ServerUrisValidator;
import io.github.mqttbridge.connect.tls.TlsContextFactory;
import io.github.mqttbridge.connect.tls.TlsFileChecks;
import io.github.mqttbridge.connect.tls.TlsKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
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
 * credentials, protocol version, keep-alive, reconnect backoff, and the TLS keys of {@link TlsKeys}. Each
 * connector's config extends this one with its own keys and {@link CrossFieldRules}.
 *
 * <p>Parsing a config reads no file: the TLS files are read by {@code validate()} ({@link TlsFileChecks}) and
 * when a task starts its client ({@link #connectOptions}).
 */
public class MqttConnectionConfig extends AbstractConfig {
    private static final Logger log = LoggerFactory.getLogger(MqttConnectionConfig.class);
    public static final String CONNECTION_GROUP = "MQTT connection";

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

    public static final String RECONNECT_BACKOFF_MIN_MS_CONFIG = "mqtt.reconnect.backoff.min.ms";
    private static final String RECONNECT_BACKOFF_MIN_MS_DOC = "The first delay before reconnecting after a lost "
            + "connection; it doubles with each failed attempt.";

    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "mqtt.reconnect.backoff.max.ms";
    private static final String RECONNECT_BACKOFF_MAX_MS_DOC = "The longest delay between reconnect attempts.";

    /** The rules joining connection keys; the TLS ones are {@link TlsKeys#RULES}. */
    private static final CrossFieldRules RULES = MqttConnectionConfig::check;

    /** Refuses the first problem of the connection rules and of {@code connectorRules}, naming its key. */
    protected MqttConnectionConfig(ConfigDef definition, Map<?, ?> originals, CrossFieldRules connectorRules) {
        super(definition, originals);
        Map<String, String> problems = problems(this, connectorRules);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), null, first.getValue());
        }
    }

    /** Adds the connection and TLS keys to a connector's definition; {@code cleanSessionDefault} differs per connector. */
    public static ConfigDef addConnectionKeys(ConfigDef def, boolean cleanSessionDefault) {
        int order = 0;
        def.define(SERVER_URIS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ServerUrisValidator.INSTANCE,
                        Importance.HIGH, SERVER_URIS_DOC, CONNECTION_GROUP, ++order, Width.LONG, "MQTT servers")
                .define(CLIENT_ID_CONFIG, Type.STRING, "", MqttStringValidator.INSTANCE, Importance.MEDIUM,
                        CLIENT_ID_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Client id")
                .define(USERNAME_CONFIG, Type.STRING, null, MqttStringValidator.INSTANCE, Importance.HIGH,
                        USERNAME_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "User name")
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
                .define(RECONNECT_BACKOFF_MIN_MS_CONFIG, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, RECONNECT_BACKOFF_MIN_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                        "Reconnect backoff min (ms)")
                .define(RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 120_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, RECONNECT_BACKOFF_MAX_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                        "Reconnect backoff max (ms)");
        MqttVersionKeys.define(def, ++order);
        return TlsKeys.define(def);
    }

    private static void check(AbstractConfig c, Map<String, String> problems) {
        if (c.getPassword(PASSWORD_CONFIG) != null && blank(c.getString(USERNAME_CONFIG))) {
            problems.put(PASSWORD_CONFIG, "a password needs " + USERNAME_CONFIG + ": MQTT sends none without a user name");
        }
        if (c.getLong(RECONNECT_BACKOFF_MAX_MS_CONFIG) < c.getLong(RECONNECT_BACKOFF_MIN_MS_CONFIG)) {
            problems.put(RECONNECT_BACKOFF_MAX_MS_CONFIG, "must not be less than " + RECONNECT_BACKOFF_MIN_MS_CONFIG);
        }
    }

    /** Every cross-field problem of a connector's config, by the key to report it on; reads no file. */
    static Map<String, String> problems(AbstractConfig c, CrossFieldRules connectorRules) {
        Map<String, String> problems = new LinkedHashMap<>();
        RULES.check(c, problems);
        MqttVersionKeys.RULES.check(c, problems);
        TlsKeys.RULES.check(c, problems);
        connectorRules.check(c, problems);
        return problems;
    }

    /**
     * {@code Connector.validate} of both connectors, given the ConfigDef's per-key results. Each stage runs only
     * when the one before found nothing, so that one mistake is not reported twice: the files single TLS keys
     * name, the rules that join keys, then the key stores opened with their passwords ({@link TlsFileChecks}).
     * Every problem is reported on the key to fix.
     */
    public static Config validate(Config perKey, ConfigDef definition, Map<String, String> props,
                                  CrossFieldRules connectorRules) {
        Map<String, ConfigValue> values = perKey.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return perKey;
        }
        AbstractConfig parsed = new AbstractConfig(definition, props, false);
        Map<String, String> problems = TlsFileChecks.fileProblems(parsed);
        if (problems.isEmpty()) {
            problems = problems(parsed, connectorRules);
        }
        if (problems.isEmpty()) {
            problems = TlsFileChecks.storeProblems(parsed);
        }
        problems.forEach((key, message) -> values.get(key).addErrorMessage(message));
        return perKey;
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

    /** Whether the broker keeps the session across a lost connection: no clean session, nor an MQTT 5 expiry of 0. */
    public boolean keepsSession() {
        return keepsSession(this);
    }

    /** As {@link #keepsSession()}, for a config parsed by {@code validate()}. */
    public static boolean keepsSession(AbstractConfig c) {
        Long expiryMs = c.getLong(MqttVersionKeys.SESSION_EXPIRY_INTERVAL_MS_CONFIG);
        return !c.getBoolean(CLEAN_SESSION_CONFIG)
                && !(MqttVersionKeys.mayUseMqtt5(c) && expiryMs != null && expiryMs == 0);
    }

    public long connectTimeoutMs() {
        return getLong(CONNECT_TIMEOUT_MS_CONFIG);
    }

    public long reconnectBackoffMaxMs() {
        return getLong(RECONNECT_BACKOFF_MAX_MS_CONFIG);
    }

    /**
     * The client's connect options for these keys, with reconnect on: a task never gives up on its broker. Reads
     * the TLS files; a task calls it when it starts its client.
     */
    public ConnectOptions.Builder connectOptions() {
        return connectOptions(null);
    }

    /** As {@link #connectOptions()}, with the connector's MQTT 5 receive maximum when the user set none (null: the client's). */
    public ConnectOptions.Builder connectOptions(Integer defaultReceiveMaximum) {
        boolean verifyHostName = getBoolean(TlsKeys.SSL_HOSTNAME_VERIFICATION_CONFIG);
        if (!verifyHostName) {
            // Per connection config, not once per JVM as the client does: each connector that turns it off says so.
            log.warn("{}=false: the broker's certificate is not checked against the host name in {}, so anyone "
                    + "with a certificate from a trusted CA can pose as the broker; use it only for testing",
                    TlsKeys.SSL_HOSTNAME_VERIFICATION_CONFIG, serverUris());
        }
        ConnectOptions.Builder b = ConnectOptions.builder()
                .hosts(serverUris())
                .cleanSession(cleanSession())
                .keepAliveInterval(Duration.ofSeconds(getLong(KEEPALIVE_INTERVAL_MS_CONFIG) / 1000))
                .timeout(Duration.ofMillis(connectTimeoutMs()))
                .reconnect(true)
                .retryInitialConnect(true)
                .reconnectDelay(Duration.ofMillis(getLong(RECONNECT_BACKOFF_MIN_MS_CONFIG)),
                        Duration.ofMillis(reconnectBackoffMaxMs()))
                .hostnameVerification(verifyHostName)
                .alpnProtocols(getList(TlsKeys.SSL_ALPN_PROTOCOLS_CONFIG));
        String user = getString(USERNAME_CONFIG);
        if (!blank(user)) {
            b.userName(user);
        }
        Password password = getPassword(PASSWORD_CONFIG);
        if (password != null) {
            b.password(password.value().toCharArray());
        }
        TlsContextFactory.from(this).ifPresent(b::sslContext);
        MqttVersionKeys.apply(this, b, defaultReceiveMaximum);
        return b;
    }
}
