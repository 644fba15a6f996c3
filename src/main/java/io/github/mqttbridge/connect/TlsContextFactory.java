package io.github.mqttbridge.connect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the SSLContext of a connection from key stores (JKS or PKCS12) or from PEM. PEM values are the PEM text
 * itself or the path of a file holding it; private keys must be PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
 * RSA ({@code BEGIN RSA PRIVATE KEY}), unencrypted. Trust left unset means the JVM's default trust store.
 */
final class TlsContextFactory {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    /** Where a store comes from: a file of a type, with its password. */
    record StoreFile(String location, String type, char[] password) {
    }

    private TlsContextFactory() {
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

    static SSLContext fromPem(String caPem, String certPem, String keyPem) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = null;
        if (caPem != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            List<Certificate> cas = certificates(text(caPem), "mqtt.ssl.ca.pem");
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        KeyManagerFactory kmf = null;
        if (certPem != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<Certificate> chain = certificates(text(certPem), "mqtt.ssl.cert.pem");
            keys.setKeyEntry("client", privateKey(text(keyPem)), IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY_PASSWORD);
        }
        return context(tmf, kmf);
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

    /** Checks that a PEM value (text or file) holds at least one certificate. */
    static void certificatesOf(String value) throws GeneralSecurityException, IOException {
        certificates(text(value), "the value");
    }

    /** Checks that a PEM value (text or file) holds a private key this factory can read. */
    static void privateKeyOf(String value) throws GeneralSecurityException, IOException {
        privateKey(text(value));
    }

    /** PEM text as given, or read from the file the value names. */
    static String text(String value) throws IOException {
        return value.contains("-----BEGIN") ? value : Files.readString(Path.of(value.trim()), StandardCharsets.US_ASCII);
    }

    private static List<Certificate> certificates(String pem, String key) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certs = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                certs.add(factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
            }
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(key + " holds no PEM block 'BEGIN CERTIFICATE'");
        }
        return certs;
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            byte[] der = decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der);
                }
                case "RSA PRIVATE KEY" -> {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(
                        "mqtt.ssl.key.pem is encrypted; give an unencrypted PKCS#8 key or use mqtt.ssl.keystore.*");
                default -> {
                    // not a key block: certificates may share the file
                }
            }
        }
        throw new GeneralSecurityException("mqtt.ssl.key.pem holds no 'BEGIN PRIVATE KEY' or 'BEGIN RSA PRIVATE KEY'"
                + " block (convert an EC key with: openssl pkcs8 -topk8 -nocrypt)");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("mqtt.ssl.key.pem is not an RSA, EC, Ed25519 or DSA key", last);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 PrivateKeyInfo the JDK reads. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00};
        byte[] octetString = derHeader(0x04, pkcs1.length);
        byte[] version = {0x02, 0x01, 0x00};
        int bodyLength = version.length + rsaAlgorithm.length + octetString.length + pkcs1.length;
        byte[] sequence = derHeader(0x30, bodyLength);
        byte[] out = new byte[sequence.length + bodyLength];
        int at = 0;
        for (byte[] part : List.of(sequence, version, rsaAlgorithm, octetString, pkcs1)) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }
}
