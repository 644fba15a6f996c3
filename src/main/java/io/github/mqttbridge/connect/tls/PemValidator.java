package io.github.mqttbridge.connect.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Parses a PEM key's certificates or private key as the task will; the message never shows a key. As a ConfigDef
 * validator it parses PEM text only, which costs no I/O; a value that names a file is read by
 * {@link TlsFileChecks} when the config is validated, and by {@link TlsContextFactory} when the task starts.
 */
final class PemValidator implements ConfigDef.Validator {
    static final PemValidator CERTIFICATES = new PemValidator(value -> Pem.certificates(value, "the value"));
    static final PemValidator PRIVATE_KEY = new PemValidator(Pem::privateKey);

    private interface PemParser {
        void parse(String pem) throws GeneralSecurityException, IOException;
    }

    private final PemParser parser;

    private PemValidator(PemParser parser) {
        this.parser = parser;
    }

    @Override
    public void ensureValid(String name, Object value) {
        String pem = value instanceof Password p ? p.value() : (String) value;
        if (!TlsKeys.blank(pem) && Pem.isText(pem)) {
            String problem = problem(name, pem);
            if (problem != null) {
                throw new ConfigException(problem);
            }
        }
    }

    /** What is wrong with a PEM value, text or file, named by its key; null when the task can use it. */
    String problem(String name, String pem) {
        try {
            parser.parse(pem);
            return null;
        } catch (IOException e) {
            return name + ": neither PEM text (-----BEGIN ...) nor a readable file (" + e.getMessage() + ")";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return name + ": " + e.getMessage();
        }
    }

    @Override
    public String toString() {
        return "PEM text or the path of a PEM file";
    }
}
