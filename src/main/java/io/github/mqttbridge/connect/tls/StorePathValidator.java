package io.github.mqttbridge.connect.tls;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A key or trust store location must be a path name. Whether a readable store is there is checked by
 * {@link TlsFileChecks} when the config is validated, not here: parsing a config reads no file.
 */
final class StorePathValidator implements ConfigDef.Validator {
    static final StorePathValidator INSTANCE = new StorePathValidator();

    private StorePathValidator() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        String location = (String) value;
        if (TlsKeys.blank(location)) {
            return;
        }
        try {
            Path.of(location.trim());
        } catch (InvalidPathException e) {
            throw new ConfigException(name, location, "not a path name (" + e.getReason() + ")");
        }
    }

    @Override
    public String toString() {
        return "the path of a JKS or PKCS12 file";
    }
}
