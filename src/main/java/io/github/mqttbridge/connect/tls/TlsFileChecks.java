package io.github.mqttbridge.connect.tls;

import static io.github.mqttbridge.connect.tls.TlsKeys.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * What {@code validate()} finds when it reads the files the TLS keys name, by the key to fix: a store file that
 * is not there, a PEM file that holds no certificate or key, a store its password does not open. A task would
 * otherwise start and fail to connect; a config constructor reads none of them.
 */
public final class TlsFileChecks {
    private static final String NO_STORE_FILE = "no readable file there; give the path of a JKS or PKCS12 file "
            + "that every Connect worker can read";

    private TlsFileChecks() {
    }

    /**
     * The files each key names on its own: a store file that is not there, a PEM file without a certificate or key.
     * These stand for the key's own validation, so {@code validate()} checks them before the rules joining keys.
     */
    public static Map<String, String> fileProblems(AbstractConfig c) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String key : new String[] {SSL_TRUSTSTORE_LOCATION_CONFIG, SSL_KEYSTORE_LOCATION_CONFIG}) {
            String location = c.getString(key);
            if (!blank(location) && !Files.isReadable(Path.of(location.trim()))) {
                problems.put(key, new ConfigException(key, location, NO_STORE_FILE).getMessage());
            }
        }
        pemFileProblem(c.getString(SSL_CA_PEM_CONFIG), SSL_CA_PEM_CONFIG, PemValidator.CERTIFICATES, problems);
        pemFileProblem(c.getString(SSL_CERT_PEM_CONFIG), SSL_CERT_PEM_CONFIG, PemValidator.CERTIFICATES, problems);
        Password key = c.getPassword(SSL_KEY_PEM_CONFIG);
        pemFileProblem(key == null ? null : key.value(), SSL_KEY_PEM_CONFIG, PemValidator.PRIVATE_KEY, problems);
        return problems;
    }

    /** PEM text was parsed by the key's validator already; a file is read here. */
    private static void pemFileProblem(String value, String key, PemValidator validator, Map<String, String> problems) {
        if (!blank(value) && !Pem.isText(value)) {
            String problem = validator.problem(key, value);
            if (problem != null) {
                problems.put(key, problem);
            }
        }
    }

    /**
     * Opens the key stores with their passwords, so that a wrong password or a file that is no store of the type
     * given is reported on the key to fix, not as a task that cannot connect. Meaningful once the files are there
     * and the keys agree ({@link #fileProblems}, {@link TlsKeys#RULES}).
     */
    public static Map<String, String> storeProblems(AbstractConfig c) {
        Map<String, String> problems = new LinkedHashMap<>();
        TlsContextFactory.StoreFile trust = TlsContextFactory.StoreFile.of(c, SSL_TRUSTSTORE_LOCATION_CONFIG,
                SSL_TRUSTSTORE_TYPE_CONFIG, SSL_TRUSTSTORE_PASSWORD_CONFIG);
        if (trust != null) {
            storeProblem(trust, null, SSL_TRUSTSTORE_LOCATION_CONFIG, SSL_TRUSTSTORE_PASSWORD_CONFIG, null, problems);
        }
        TlsContextFactory.StoreFile keys = TlsContextFactory.StoreFile.of(c, SSL_KEYSTORE_LOCATION_CONFIG,
                SSL_KEYSTORE_TYPE_CONFIG, SSL_KEYSTORE_PASSWORD_CONFIG);
        if (keys != null) {
            char[] keyPassword = TlsContextFactory.chars(c.getPassword(SSL_KEY_PASSWORD_CONFIG));
            storeProblem(keys, keyPassword, SSL_KEYSTORE_LOCATION_CONFIG, SSL_KEYSTORE_PASSWORD_CONFIG,
                    keyPassword != null ? SSL_KEY_PASSWORD_CONFIG : SSL_KEYSTORE_PASSWORD_CONFIG, problems);
        }
        return problems;
    }

    /** {@code keyPasswordKey} null: a trust store, whose keys are not read. Messages never hold a password. */
    private static void storeProblem(TlsContextFactory.StoreFile file, char[] keyPassword, String locationKey,
                                     String passwordKey, String keyPasswordKey, Map<String, String> problems) {
        String location = file.location();
        String type = file.type();
        try {
            if (keyPasswordKey == null) {
                TlsContextFactory.fromStores(file, null, null);
            } else {
                TlsContextFactory.fromStores(null, file, keyPassword == null ? file.password() : keyPassword);
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
}
