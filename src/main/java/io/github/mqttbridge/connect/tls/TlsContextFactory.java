package io.github.mqttbridge.connect.tls;

import static io.github.mqttbridge.connect.tls.TlsKeys.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Builds the SSLContext of a connection from the {@code mqtt.ssl.*} keys: key stores (JKS or PKCS12) or PEM
 * ({@link Pem}). Trust left unset means the JVM's default trust store. This is where the files are read, when a
 * task starts its client; parsing a config reads none.
 */
public final class TlsContextFactory {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    /** Where a store comes from: a file of a type, with its password. */
    record StoreFile(String location, String type, char[] password) {
        /** The store a location key names, or null when the key is empty. */
        static StoreFile of(AbstractConfig c, String locationKey, String typeKey, String passwordKey) {
            String location = c.getString(locationKey);
            return blank(location) ? null : new StoreFile(location, c.getString(typeKey).toUpperCase(Locale.ROOT),
                    chars(c.getPassword(passwordKey)));
        }
    }

    private TlsContextFactory() {
    }

    /** The TLS context the keys describe, or empty for the JVM's defaults. */
    public static Optional<SSLContext> from(AbstractConfig c) {
        try {
            StoreFile trust = StoreFile.of(c, SSL_TRUSTSTORE_LOCATION_CONFIG, SSL_TRUSTSTORE_TYPE_CONFIG,
                    SSL_TRUSTSTORE_PASSWORD_CONFIG);
            StoreFile keys = StoreFile.of(c, SSL_KEYSTORE_LOCATION_CONFIG, SSL_KEYSTORE_TYPE_CONFIG,
                    SSL_KEYSTORE_PASSWORD_CONFIG);
            if (trust != null || keys != null) {
                return Optional.of(fromStores(trust, keys, chars(c.getPassword(SSL_KEY_PASSWORD_CONFIG))));
            }
            String ca = c.getString(SSL_CA_PEM_CONFIG);
            String cert = c.getString(SSL_CERT_PEM_CONFIG);
            if (!blank(ca) || !blank(cert)) {
                Password key = c.getPassword(SSL_KEY_PEM_CONFIG);
                return Optional.of(fromPem(ca, cert, key == null ? null : key.value()));
            }
            return Optional.empty();
        } catch (GeneralSecurityException | IOException e) {
            // The message names the key and the reason, never a password or key material.
            throw new ConfigException("Cannot build the TLS context from the mqtt.ssl.* keys: " + e.getMessage());
        }
    }

    static SSLContext fromStores(StoreFile trustStore, StoreFile keyStore, char[] keyPassword)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = null;
        if (trustStore != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore));
        }
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), keyPassword != null ? keyPassword : keyStore.password);
        }
        return context(tmf, kmf);
    }

    private static SSLContext fromPem(String caPem, String certPem, String keyPem)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = null;
        if (!blank(caPem)) {
            KeyStore trust = emptyStore();
            List<Certificate> cas = Pem.certificates(caPem, SSL_CA_PEM_CONFIG);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        KeyManagerFactory kmf = null;
        if (!blank(certPem)) {
            KeyStore keys = emptyStore();
            List<Certificate> chain = Pem.certificates(certPem, SSL_CERT_PEM_CONFIG);
            keys.setKeyEntry("client", Pem.privateKey(keyPem), IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY_PASSWORD);
        }
        return context(tmf, kmf);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static SSLContext context(TrustManagerFactory tmf, KeyManagerFactory kmf) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(StoreFile store) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(store.type);
        try (InputStream in = Files.newInputStream(Path.of(store.location))) {
            ks.load(in, store.password);
        }
        return ks;
    }

    static char[] chars(Password p) {
        return p == null ? null : p.value().toCharArray();
    }
}
