package io.github.mqttbridge.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * What {@code mvn package} leaves for a Connect worker that must load our connectors as a user's worker does: the
 * unpacked plugin in {@code target/plugins} (a ready {@code plugin.path}) and a class path of the dependency jars
 * alone, on which a worker can reach our classes only through that plugin path, in their own class loader.
 */
public final class PluginPackage {

    /** Written by maven-dependency-plugin in generate-test-resources: every dependency jar, none of our classes. */
    public static final Path DEPENDENCIES = Path.of("target", "quickstart", "dependencies.classpath");
    /** Written by maven-assembly-plugin in package: holds the unpacked plugin directory. */
    public static final Path PLUGIN_PATH = Path.of("target", "plugins");
    private static final String OUR_PACKAGE = "io/github/mqttbridge/";

    private PluginPackage() {
    }

    /** The absolute plugin.path, after checking that the package phase has filled it. */
    public static Path pluginPath() {
        Path path = PLUGIN_PATH.toAbsolutePath();
        try (var entries = Files.list(path)) {
            if (entries.findAny().isEmpty()) {
                throw new IllegalStateException(path + " is empty: run mvn package first");
            }
        } catch (IOException e) {
            throw new IllegalStateException(path + " is missing: run mvn package first (failsafe runs after it)", e);
        }
        return path;
    }

    /** The entries of {@link #DEPENDENCIES}, after checking that none holds a class of ours. */
    public static String isolatedClassPath() throws IOException {
        if (!Files.exists(DEPENDENCIES)) {
            throw new IllegalStateException(DEPENDENCIES + " is missing: run mvn package (or test-compile) first");
        }
        String classPath = Files.readString(DEPENDENCIES).strip();
        for (String entry : classPath.split(File.pathSeparator)) {
            try (JarFile jar = new JarFile(entry)) {
                if (jar.stream().anyMatch(e -> e.getName().startsWith(OUR_PACKAGE))) {
                    throw new IllegalStateException(entry + " holds classes of ours; the worker would not load "
                            + "the plugin in isolation");
                }
            }
        }
        return classPath;
    }
}
