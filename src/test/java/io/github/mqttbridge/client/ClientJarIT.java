package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;

/**
 * The client jar that {@code mvn package} builds next to the connectors' jar
 * ({@code kafka-connect-mqtt-<version>-client.jar}) is the client alone: only its packages, needing only the JDK
 * and slf4j-api, enough for an application without Kafka to compile and run on it.
 */
class ClientJarIT {

    private static final Path CLIENT_JAR = Path.of(System.getProperty("mqttbridge.client.jar"));
    private static final String CLIENT_DIR = "io/github/mqttbridge/client/";
    private static final String EXAMPLE = "ClientExample";

    @Test
    void holds_the_client_packages_and_nothing_else() throws IOException {
        Set<String> foreign = new TreeSet<>();
        boolean hasClient = false;
        try (JarFile jar = new JarFile(CLIENT_JAR.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                hasClient |= name.equals(CLIENT_DIR + "MqttClient.class");
                boolean parentOfClient = entry.isDirectory() && CLIENT_DIR.startsWith(name);
                if (!name.startsWith(CLIENT_DIR) && !name.startsWith("META-INF/") && !parentOfClient) {
                    foreign.add(name);
                }
            }
        }
        assertTrue(hasClient, CLIENT_JAR + " lacks MqttClient");
        assertEquals(Set.of(), foreign, "entries outside " + CLIENT_DIR + " in " + CLIENT_JAR);
    }

    /** jdeps lists every package the jar's classes refer to; only the JDK's, slf4j's and its own may appear. */
    @Test
    void refers_to_nothing_but_the_jdk_and_slf4j_api() {
        java.util.spi.ToolProvider jdeps = java.util.spi.ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", CLIENT_JAR.toString());
        assertEquals(0, exit, out::toString);
        Set<String> foreign = new TreeSet<>();
        for (String line : out.toString().lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            // "<package> -> <package> <module or jar>"; the summary lines name the jar on the left
            boolean packageLine = parts.length >= 3 && parts[1].equals("->") && !parts[0].endsWith(".jar");
            if (packageLine && !allowed(parts[2])) {
                foreign.add(parts[0] + " -> " + parts[2]);
            }
        }
        assertEquals(Set.of(), foreign, out::toString);
    }

    private static boolean allowed(String referredPackage) {
        return referredPackage.startsWith("java.") || referredPackage.startsWith("javax.")
                || referredPackage.equals("org.slf4j") || referredPackage.startsWith("io.github.mqttbridge.client");
    }

    /**
     * The example program is compiled against the client jar and slf4j-api only, then run in a JVM of its own
     * with those jars (and slf4j-simple for its log): it publishes a message through a broker and receives it
     * back, while a subscriber in this JVM sees the same message pass the broker.
     */
    @Test
    void an_application_compiles_and_runs_on_it_without_kafka(@TempDir Path dir) throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String topic = ClientTesting.topic("client-jar");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (MqttClient witness = new MqttClient(broker.tcpUri(), ClientTesting.clientId("witness"))) {
            witness.onMessageArrived(m -> seen.add(m.payloadString()));
            join(witness.connect());
            join(witness.subscribe(topic, 1));

            String classPath = String.join(File.pathSeparator, CLIENT_JAR.toString(),
                    jarOf(LoggerFactory.class).toString());
            Path classes = compileExample(dir, classPath);
            String output = runExample(dir, classes + File.pathSeparator + classPath
                    + File.pathSeparator + jarOf(SimpleLogger.class), broker.tcpUri(), topic);

            assertTrue(output.contains("received on " + topic + ": hello from the client jar"), output);
            await().atMost(ClientTesting.WAIT).until(() -> seen.contains("hello from the client jar"));
        }
    }

    private static Path compileExample(Path dir, String classPath) throws IOException {
        Path source = dir.resolve("src").resolve(EXAMPLE + ".java");
        Files.createDirectories(source.getParent());
        try (InputStream in = ClientJarIT.class.getResourceAsStream("/io/github/mqttbridge/clientjar/" + EXAMPLE
                + ".java")) {
            Files.write(source, in.readAllBytes());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all", "-Werror",
                "-classpath", classPath, "-d", classes.toString(), source.toString());
        assertEquals(0, exit, () -> "javac on the client jar and slf4j-api alone failed:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));
        return classes;
    }

    private static String runExample(Path dir, String classPath, String brokerUri, String topic)
            throws IOException, InterruptedException {
        Path log = dir.resolve("example.log");
        Process example = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-classpath", classPath, EXAMPLE, brokerUri, topic)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = example.waitFor(ClientTesting.WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        if (!ended) {
            example.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(ended, () -> "the example did not end:\n" + output);
        assertEquals(0, example.exitValue(), () -> "the example failed:\n" + output);
        return output;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
