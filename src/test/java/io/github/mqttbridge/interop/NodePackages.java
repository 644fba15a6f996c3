package io.github.mqttbridge.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages the suite runs with node (the Aedes broker and MQTT.js), installed once into a cache directory
 * outside the build tree so that {@code mvn clean} does not download them again. .ci/run installs them up front;
 * a developer's first run installs them here. The suite's scripts are copied next to {@code node_modules}, where
 * node's ES module resolution finds the packages.
 */
final class NodePackages {

    /** Pinned, so that the compatibility table names what was tested. */
    static final Map<String, String> VERSIONS = Map.of("aedes", "1.2.0", "aedes-server-factory", "0.2.1",
            "mqtt", "5.16.0");
    static final String DIRECTORY_ENV = "MQTTBRIDGE_NODE_PACKAGES";

    private NodePackages() {
    }

    /** The directory that holds the installed packages; skips (or fails, when required) if node or npm lacks. */
    static synchronized Path directory() {
        Installed.require("node", "apt-get install nodejs");
        Path directory = Path.of(System.getenv().getOrDefault(DIRECTORY_ENV,
                System.getProperty("user.home") + "/.cache/mqttbridge-interop/node"));
        if (VERSIONS.entrySet().stream().allMatch(e -> installed(directory, e.getKey(), e.getValue()))) {
            return directory;
        }
        Path npm = Installed.require("npm", "apt-get install npm");
        List<String> command = new ArrayList<>(List.of(npm.toString(), "install", "--no-audit", "--no-fund",
                "--prefix", directory.toString()));
        VERSIONS.forEach((name, version) -> command.add(name + "@" + version));
        try {
            Files.createDirectories(directory);
            Process install = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes());
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                return Installed.unavailable("npm could not install " + VERSIONS + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return directory;
    }

    private static boolean installed(Path directory, String name, String version) {
        Path manifest = directory.resolve("node_modules").resolve(name).resolve("package.json");
        try {
            return Files.exists(manifest) && Files.readString(manifest).contains("\"version\": \"" + version + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** The suite's script {@code name} (a resource under /interop), placed beside the packages it imports. */
    static Path script(String name) {
        Path target = directory().resolve(name);
        try (InputStream in = NodePackages.class.getResourceAsStream("/interop/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /interop/" + name);
            }
            byte[] content = in.readAllBytes();
            if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                Files.write(target, content);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
