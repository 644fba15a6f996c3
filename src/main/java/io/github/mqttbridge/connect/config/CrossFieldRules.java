package io.github.mqttbridge.connect.config;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * Rules that join several keys of a parsed config. Each problem goes into {@code problems} under the key the user
 * has to fix, which is where {@code validate()} shows it in the REST API; a config constructor refuses the first.
 * Rules read only the config: no files, no network, so that parsing a config stays cheap.
 */
@FunctionalInterface
public interface CrossFieldRules {
    void check(AbstractConfig config, Map<String, String> problems);

    /** No rules beyond the keys' own validators. */
    CrossFieldRules NONE = (config, problems) -> { };
}
