package io.github.mqttbridge.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the programs the interoperability suite runs. A missing one skips its broker's cells visibly, except when
 * the environment sets {@value #REQUIRE_ENV}=true (CI does): then it fails them, so CI never skips silently.
 */
final class Installed {

    static final String REQUIRE_ENV = "MQTTBRIDGE_REQUIRE_INTEROP";
    /** Debian puts mosquitto and nats-server in sbin, which is not on every user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin");

    private Installed() {
    }

    static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)), EXTRA_DIRS.stream())
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The program's path; skips (or, when required, fails) the calling test if it is missing. */
    static Path require(String program, String installHint) {
        return find(program).orElseGet(() -> unavailable(program + " is not installed (" + installHint + ")"));
    }

    /** Skips the calling test with {@code message}, or fails it when {@value #REQUIRE_ENV}=true. */
    static <T> T unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(message + ", and " + REQUIRE_ENV + "=true requires it");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
