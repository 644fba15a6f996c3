package io.github.mqttbridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI made at test time: a CA, server certificates (good, wrong host name, expired), a client
 * certificate, and a second CA nobody trusts. Each identity is written as PEM (for Mosquitto) and PKCS#12 (for
 * Java servers) under {@link #directory()}. One set per JVM ({@link #shared()}) is enough: generating EC keys is
 * cheap but not free, and nothing in a test changes them.
 */
public final class TestCertificates {

    /** Password of every PKCS#12 file written here; test material only. */
    public static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static TestCertificates shared;

    private final Path directory;
    private final Identity ca;
    private final Identity otherCa;
    private final Identity server;
    private final Identity wrongHostServer;
    private final Identity expiredServer;
    private final Identity client;

    /**
     * A key with its certificate, and where they were written. For a CA, {@code pkcs12} is a trust store holding
     * its certificate; for the others, a key store with the key and the chain up to the CA.
     */
    public record Identity(String name, PrivateKey key, X509Certificate certificate, Path certPem, Path keyPem,
                           Path pkcs12) {
    }

    private TestCertificates(Path directory) throws GeneralSecurityException, IOException {
        this.directory = directory;
        Instant now = Instant.now();
        Instant notBefore = now.minus(Duration.ofDays(1));
        Instant notAfter = now.plus(Duration.ofDays(30));
        ca = write("ca", selfSignedCa("CN=mqttbridge test CA", notBefore, notAfter));
        otherCa = write("other-ca", selfSignedCa("CN=untrusted test CA", notBefore, notAfter));
        server = write("server", leaf(ca, "CN=localhost", notBefore, notAfter, true,
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        wrongHostServer = write("wrong-host", leaf(ca, "CN=wrong.example.invalid", notBefore, notAfter, true,
                new GeneralName(GeneralName.dNSName, "wrong.example.invalid")));
        expiredServer = write("expired", leaf(ca, "CN=localhost", now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)), true,
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        client = write("client", leaf(ca, "CN=mqttbridge test client", notBefore, notAfter, false));
    }

    /** The JVM-wide set, made on first use in a temp directory. */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("mqttbridge-certs");
                dir.toFile().deleteOnExit();
                shared = new TestCertificates(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot generate test certificates", e);
            }
        }
        return shared;
    }

    public Path directory() {
        return directory;
    }

    public Identity ca() {
        return ca;
    }

    /** A CA that no context made here trusts: a server using it must be refused. */
    public Identity otherCa() {
        return otherCa;
    }

    /** For "localhost" and 127.0.0.1, signed by {@link #ca()}. */
    public Identity server() {
        return server;
    }

    /** Signed by {@link #ca()}, but for another host name. */
    public Identity wrongHostServer() {
        return wrongHostServer;
    }

    /** Signed by {@link #ca()} for localhost, valid until yesterday. */
    public Identity expiredServer() {
        return expiredServer;
    }

    /** Signed by {@link #ca()}, for mutual TLS. */
    public Identity client() {
        return client;
    }

    /** A client context that trusts only {@link #ca()}. */
    public SSLContext trustingCa() {
        return context(null, ca);
    }

    /** A client context that trusts only {@link #otherCa()}, so it refuses every server certificate made here. */
    public SSLContext trustingOtherCa() {
        return context(null, otherCa);
    }

    /** A client context for mutual TLS: presents {@link #client()} and trusts {@link #ca()}. */
    public SSLContext mutualTls() {
        return context(client, ca);
    }

    /** A server-side context presenting {@code identity}, for TLS servers written in a test. */
    public SSLContext serverContext(Identity identity) {
        return context(identity, ca);
    }

    private SSLContext context(Identity own, Identity trusted) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(trusted));
            KeyManagerFactory kmf = null;
            if (own != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(own), STORE_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build an SSLContext", e);
        }
    }

    private KeyStore keyStore(Identity identity) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(identity.name(), identity.key(), STORE_PASSWORD,
                new Certificate[] {identity.certificate(), ca.certificate()});
        return store;
    }

    private static KeyStore trustStore(Identity trusted) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(trusted.name(), trusted.certificate());
        return store;
    }

    private Identity write(String name, KeyAndCert kc) throws IOException, GeneralSecurityException {
        Path cert = directory.resolve(name + ".crt");
        Path key = directory.resolve(name + ".key");
        Path p12 = directory.resolve(name + ".p12");
        writePem(cert, "CERTIFICATE", kc.certificate().getEncoded());
        writePem(key, "PRIVATE KEY", kc.key().getEncoded());
        Identity identity = new Identity(name, kc.key(), kc.certificate(), cert, key, p12);
        KeyStore store = kc.certificate().getBasicConstraints() >= 0 ? trustStore(identity) : keyStore(identity);
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, STORE_PASSWORD);
        }
        for (Path p : new Path[] {cert, key, p12}) {
            p.toFile().deleteOnExit();
        }
        return identity;
    }

    /** Keys as PKCS#8 "PRIVATE KEY", the form OpenSSL 3 reads for every key type. */
    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
    }

    private record KeyAndCert(PrivateKey key, X509Certificate certificate) {
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyAndCert selfSignedCa(String subject, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException, IOException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name(subject);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                Date.from(notAfter), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        return new KeyAndCert(keys.getPrivate(), sign(builder, keys.getPrivate()));
    }

    private static KeyAndCert leaf(Identity issuer, String subject, Instant notBefore, Instant notAfter,
                                   boolean server, GeneralName... altNames)
            throws GeneralSecurityException, IOException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                server ? KeyPurposeId.id_kp_serverAuth
                        : KeyPurposeId.id_kp_clientAuth));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
        if (altNames.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
        }
        return new KeyAndCert(keys.getPrivate(), sign(builder, issuer.key()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
