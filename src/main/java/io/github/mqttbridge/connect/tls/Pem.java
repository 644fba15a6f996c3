package io.github.mqttbridge.connect.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM values: the PEM text itself or the path of a file holding it. Private keys must be PKCS#8
 * ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}), unencrypted.
 */
final class Pem {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String TEXT_MARKER = "-----BEGIN";

    private Pem() {
    }

    /** Whether the value is PEM text rather than the path of a file: only then can it be read without I/O. */
    static boolean isText(String value) {
        return value.contains(TEXT_MARKER);
    }

    /** PEM text as given, or read from the file the value names. */
    static String text(String value) throws IOException {
        return isText(value) ? value : Files.readString(Path.of(value.trim()), StandardCharsets.US_ASCII);
    }

    /** The certificates of a PEM value; {@code key} names the config key in the message when there are none. */
    static List<Certificate> certificates(String value, String key) throws GeneralSecurityException, IOException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certs = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(text(value));
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

    static PrivateKey privateKey(String value) throws GeneralSecurityException, IOException {
        Matcher m = PEM_BLOCK.matcher(text(value));
        while (m.find()) {
            byte[] der = decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der);
                }
                case "RSA PRIVATE KEY" -> {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(TlsKeys.SSL_KEY_PEM_CONFIG
                        + " is encrypted; give an unencrypted PKCS#8 key or use mqtt.ssl.keystore.*");
                default -> {
                    // not a key block: certificates may share the file
                }
            }
        }
        throw new GeneralSecurityException(TlsKeys.SSL_KEY_PEM_CONFIG + " holds no 'BEGIN PRIVATE KEY' or "
                + "'BEGIN RSA PRIVATE KEY' block (convert an EC key with: openssl pkcs8 -topk8 -nocrypt)");
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
        throw new GeneralSecurityException(TlsKeys.SSL_KEY_PEM_CONFIG + " is not an RSA, EC, Ed25519 or DSA key", last);
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
