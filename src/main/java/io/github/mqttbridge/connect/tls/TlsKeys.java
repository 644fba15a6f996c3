package io.github.mqttbridge.connect.tls;

import io.github.mqttbridge.connect.config.CrossFieldRules;
import io.github.mqttbridge.connect.config.FixedValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The {@code mqtt.ssl.*} keys both connectors share: TLS material from key stores or from PEM, and host name
 * verification. {@link TlsContextFactory} turns them into an SSLContext when a task starts; {@link TlsFileChecks}
 * reads the files they name when a config is validated.
 */
public final class TlsKeys {
    public static final String TLS_GROUP = "MQTT TLS";
    private static final List<String> STORE_TYPES = List.of("JKS", "PKCS12");
    private static final String STORE_TYPES_TEXT = "JKS or PKCS12";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "mqtt.ssl.truststore.location";
    public static final String SSL_CA_PEM_CONFIG = "mqtt.ssl.ca.pem";
    private static final String SSL_TRUSTSTORE_LOCATION_DOC = "A trust store file with the CAs that may sign the "
            + "broker's certificate. Empty (and no " + SSL_CA_PEM_CONFIG + "): the JVM's default trust store.";

    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "mqtt.ssl.truststore.password";
    private static final String SSL_TRUSTSTORE_PASSWORD_DOC = "The trust store's password.";

    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "mqtt.ssl.truststore.type";
    private static final String SSL_TRUSTSTORE_TYPE_DOC = "The trust store's type: " + STORE_TYPES_TEXT + ".";

    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "mqtt.ssl.keystore.location";
    private static final String SSL_KEYSTORE_LOCATION_DOC = "A key store file with the client certificate and key, "
            + "for brokers that require one.";

    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "mqtt.ssl.keystore.password";
    private static final String SSL_KEYSTORE_PASSWORD_DOC = "The key store's password.";

    public static final String SSL_KEYSTORE_TYPE_CONFIG = "mqtt.ssl.keystore.type";
    private static final String SSL_KEYSTORE_TYPE_DOC = "The key store's type: " + STORE_TYPES_TEXT + ".";

    public static final String SSL_KEY_PASSWORD_CONFIG = "mqtt.ssl.key.password";
    private static final String SSL_KEY_PASSWORD_DOC = "The password of the key in the key store, if it differs "
            + "from the store's.";

    private static final String SSL_CA_PEM_DOC = "The CA certificates to trust, in PEM: the text itself or the path "
            + "of a file. Instead of a trust store.";

    public static final String SSL_CERT_PEM_CONFIG = "mqtt.ssl.cert.pem";
    public static final String SSL_KEY_PEM_CONFIG = "mqtt.ssl.key.pem";
    private static final String SSL_CERT_PEM_DOC = "The client certificate chain in PEM (text or file path), with "
            + SSL_KEY_PEM_CONFIG + ". Instead of a key store.";
    private static final String SSL_KEY_PEM_DOC = "The client's private key in PEM (text or file path), unencrypted "
            + "PKCS#8 or PKCS#1 RSA.";

    public static final String SSL_HOSTNAME_VERIFICATION_CONFIG = "mqtt.ssl.hostname.verification";
    private static final String SSL_HOSTNAME_VERIFICATION_DOC = "Whether the broker's certificate must name the host "
            + "we connect to. Turn off only for testing: it lets anyone with a certificate from a trusted CA pose as "
            + "the broker.";

    public static final String SSL_ALPN_PROTOCOLS_CONFIG = "mqtt.ssl.alpn.protocols";
    private static final String SSL_ALPN_PROTOCOLS_DOC = "Protocol names to offer by TLS ALPN on ssl:// brokers, in "
            + "order of preference, for brokers that serve MQTT beside HTTPS on port 443 (AWS IoT Core: "
            + "x-amzn-mqtt-ca). Empty: none.";

    private static final Set<String> PASSWORD_KEYS = Set.of(SSL_TRUSTSTORE_PASSWORD_CONFIG,
            SSL_KEYSTORE_PASSWORD_CONFIG, SSL_KEY_PASSWORD_CONFIG, SSL_KEY_PEM_CONFIG);

    /** The rules joining TLS keys; they read no file (that is {@link TlsFileChecks}). */
    public static final CrossFieldRules RULES = TlsKeys::check;

    private TlsKeys() {
    }

    /** Adds the TLS keys to a connector's definition, as their own group. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        ConfigDef.Validator storeType = ConfigDef.CaseInsensitiveValidString.in(STORE_TYPES.toArray(new String[0]));
        return def.define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, StorePathValidator.INSTANCE,
                        Importance.MEDIUM, SSL_TRUSTSTORE_LOCATION_DOC, TLS_GROUP, ++order, Width.LONG, "Trust store")
                .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        SSL_TRUSTSTORE_PASSWORD_DOC, TLS_GROUP, ++order, Width.MEDIUM, "Trust store password")
                .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", storeType, Importance.LOW,
                        SSL_TRUSTSTORE_TYPE_DOC, TLS_GROUP, ++order, Width.SHORT, "Trust store type",
                        new FixedValues(STORE_TYPES))
                .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, StorePathValidator.INSTANCE,
                        Importance.MEDIUM, SSL_KEYSTORE_LOCATION_DOC, TLS_GROUP, ++order, Width.LONG, "Key store")
                .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        SSL_KEYSTORE_PASSWORD_DOC, TLS_GROUP, ++order, Width.MEDIUM, "Key store password")
                .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", storeType, Importance.LOW,
                        SSL_KEYSTORE_TYPE_DOC, TLS_GROUP, ++order, Width.SHORT, "Key store type",
                        new FixedValues(STORE_TYPES))
                .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, SSL_KEY_PASSWORD_DOC,
                        TLS_GROUP, ++order, Width.MEDIUM, "Key password")
                .define(SSL_CA_PEM_CONFIG, Type.STRING, null, PemValidator.CERTIFICATES, Importance.MEDIUM,
                        SSL_CA_PEM_DOC, TLS_GROUP, ++order, Width.LONG, "CA (PEM)")
                .define(SSL_CERT_PEM_CONFIG, Type.STRING, null, PemValidator.CERTIFICATES, Importance.MEDIUM,
                        SSL_CERT_PEM_DOC, TLS_GROUP, ++order, Width.LONG, "Client certificate (PEM)")
                .define(SSL_KEY_PEM_CONFIG, Type.PASSWORD, null, PemValidator.PRIVATE_KEY, Importance.MEDIUM,
                        SSL_KEY_PEM_DOC, TLS_GROUP, ++order, Width.LONG, "Client key (PEM)")
                .define(SSL_HOSTNAME_VERIFICATION_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        SSL_HOSTNAME_VERIFICATION_DOC, TLS_GROUP, ++order, Width.SHORT, "Verify host name")
                .define(SSL_ALPN_PROTOCOLS_CONFIG, Type.LIST, "", AlpnProtocolsValidator.INSTANCE, Importance.LOW,
                        SSL_ALPN_PROTOCOLS_DOC, TLS_GROUP, ++order, Width.MEDIUM, "ALPN protocols");
    }

    private static void check(AbstractConfig c, Map<String, String> problems) {
        boolean stores = given(c, SSL_TRUSTSTORE_LOCATION_CONFIG) || given(c, SSL_KEYSTORE_LOCATION_CONFIG);
        boolean pem = given(c, SSL_CA_PEM_CONFIG) || given(c, SSL_CERT_PEM_CONFIG) || given(c, SSL_KEY_PEM_CONFIG);
        if (stores && pem) {
            problems.put(SSL_CA_PEM_CONFIG, "give TLS material either as key stores (mqtt.ssl.truststore.*, "
                    + "mqtt.ssl.keystore.*) or as PEM (mqtt.ssl.ca.pem, mqtt.ssl.cert.pem, mqtt.ssl.key.pem), not both");
        }
        if (given(c, SSL_CERT_PEM_CONFIG) != given(c, SSL_KEY_PEM_CONFIG)) {
            problems.put(SSL_CERT_PEM_CONFIG, SSL_CERT_PEM_CONFIG + " and " + SSL_KEY_PEM_CONFIG
                    + " go together: a client certificate needs its key");
        }
        if (given(c, SSL_KEYSTORE_LOCATION_CONFIG) && !given(c, SSL_KEYSTORE_PASSWORD_CONFIG)) {
            problems.put(SSL_KEYSTORE_PASSWORD_CONFIG, "the key store needs its password");
        }
        if (given(c, SSL_TRUSTSTORE_PASSWORD_CONFIG) && !given(c, SSL_TRUSTSTORE_LOCATION_CONFIG)) {
            problems.put(SSL_TRUSTSTORE_PASSWORD_CONFIG, "a trust store password needs "
                    + SSL_TRUSTSTORE_LOCATION_CONFIG + ", the file it opens");
        }
        if (given(c, SSL_KEY_PASSWORD_CONFIG) && !given(c, SSL_KEYSTORE_LOCATION_CONFIG)) {
            problems.put(SSL_KEY_PASSWORD_CONFIG, "a key password needs " + SSL_KEYSTORE_LOCATION_CONFIG
                    + ", the key store that holds the key");
        }
    }

    /** Whether a key has a value: a string that is not blank, or any password, even an empty one. */
    private static boolean given(AbstractConfig c, String key) {
        return PASSWORD_KEYS.contains(key) ? c.getPassword(key) != null : !blank(c.getString(key));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
