package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code mosquitto} process with its own config in a temp directory, on free ports of 127.0.0.1: TCP, TLS,
 * TLS with required client certificates, and WebSocket. Restarts keep the ports, so clients can reconnect to the
 * same URIs; with {@link Builder#persistence(Duration)} it also keeps persistent sessions across them.
 *
 * <p>Tests call {@link #assumeAvailable()} first: a machine without mosquitto skips them visibly, except when the
 * environment sets {@value #REQUIRE_ENV}=true (CI does), where a missing mosquitto fails them instead.
 */
public final class MosquittoBroker implements AutoCloseableBroker {

    public static final String REQUIRE_ENV = "MQTTBRIDGE_REQUIRE_MOSQUITTO";
    /** Debian installs it in sbin, which is not on every user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin");

    private final Path directory;
    private final boolean allowAnonymous;
    private final Duration autosaveInterval;
    private final TestCertificates.Identity serverIdentity;
    private final String aclRules;
    private final boolean identityAsUsername;
    private final boolean unlimitedMessages;
    private final Integer maxQos;
    private final Integer maxPacketSize;
    private final BrokerPorts ports = BrokerPorts.free();
    private Process process;

    private MosquittoBroker(Builder builder) {
        this.allowAnonymous = builder.allowAnonymous;
        this.autosaveInterval = builder.autosaveInterval;
        this.serverIdentity = builder.serverIdentity;
        this.aclRules = builder.aclRules;
        this.identityAsUsername = builder.identityAsUsername;
        this.unlimitedMessages = builder.unlimitedMessages;
        this.maxQos = builder.maxQos;
        this.maxPacketSize = builder.maxPacketSize;
        try {
            directory = Files.createTempDirectory("mqttbridge-mosquitto");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options beyond the defaults (anonymous allowed, no persistence). */
    public static final class Builder {
        private boolean allowAnonymous = true;
        private Duration autosaveInterval;
        private TestCertificates.Identity serverIdentity;
        private String aclRules;
        private boolean identityAsUsername;
        private boolean unlimitedMessages = true;
        private Integer maxQos;
        private Integer maxPacketSize;

        /**
         * The certificate both TLS listeners present, instead of {@link TestCertificates#server()}: e.g.
         * {@link TestCertificates#wrongHostServer()} or {@link TestCertificates#expiredServer()}, which a client
         * must refuse.
         */
        public Builder serverIdentity(TestCertificates.Identity identity) {
            this.serverIdentity = identity;
            return this;
        }

        /** False makes anonymous clients get CONNACK "not authorized". */
        public Builder allowAnonymous(boolean allow) {
            this.allowAnonymous = allow;
            return this;
        }

        /** Keeps sessions and queued messages on disk, saving every {@code autosaveInterval} and on SIGUSR1. */
        public Builder persistence(Duration autosaveInterval) {
            this.autosaveInterval = autosaveInterval;
            return this;
        }

        /**
         * Access rules in Mosquitto's acl_file syntax ({@code user <name>} then {@code topic read|write|readwrite
         * <filter>} lines); without them every authenticated client may use every topic.
         */
        public Builder acl(String rules) {
            this.aclRules = rules;
            return this;
        }

        /**
         * Makes the mutual-TLS listener take the client certificate's CN as the username
         * ({@code use_identity_as_username}), so that the certificate alone authenticates and the ACL applies to it.
         */
        public Builder identityAsUsername() {
            this.identityAsUsername = true;
            return this;
        }

        /**
         * Leaves {@code max_inflight_messages} and {@code max_queued_messages} at Mosquitto's defaults (20 and
         * 1000), as a broker is installed, instead of the harness's unlimited ones.
         */
        public Builder defaultMessageLimits() {
            this.unlimitedMessages = false;
            return this;
        }

        /** The highest QoS the TCP listener grants a subscription or takes a publish at ({@code max_qos}). */
        public Builder maxQos(int qos) {
            this.maxQos = qos;
            return this;
        }

        /** The largest packet the broker takes ({@code max_packet_size}); MQTT 5 clients are told in CONNACK. */
        public Builder maxPacketSize(int bytes) {
            this.maxPacketSize = bytes;
            return this;
        }

        public MosquittoBroker build() {
            return new MosquittoBroker(this);
        }

        /** Builds and starts; the broker is ready for connections when this returns. */
        public MosquittoBroker start() {
            MosquittoBroker broker = build();
            try {
                return broker.start();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        }
    }

    /** Where the mosquitto binary is, if installed. */
    public static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)), EXTRA_DIRS.stream())
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "mosquitto"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public static boolean isAvailable() {
        return executable().isPresent();
    }

    /** Skips the calling test when mosquitto is missing, or fails it when {@value #REQUIRE_ENV}=true. */
    public static void assumeAvailable() {
        if (isAvailable()) {
            return;
        }
        String message = "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(message + ", and " + REQUIRE_ENV + "=true requires it");
        }
        Assumptions.abort(message);
    }

    public synchronized MosquittoBroker start() {
        assumeAvailable();
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto is already running");
        }
        try {
            writeConfig();
            process = new ProcessBuilder(executable().orElseThrow().toString(), "-c", configFile().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start mosquitto", e);
        }
        try {
            awaitListening();
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        return this;
    }

    private void awaitListening() {
        await("mosquitto listening on " + ports.tcp() + ", " + ports.ssl() + ", " + ports.mutualTls() + ", " + ports.ws())
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n"
                                + diagnostics());
                    }
                    return FreePorts.listening(ports.tcp()) && FreePorts.listening(ports.ws())
                            && FreePorts.listening(ports.ssl()) && FreePorts.listening(ports.mutualTls())
                            && FreePorts.listening(ports.wss());
                });
    }

    /** A clean shutdown (SIGTERM): mosquitto saves its database first when persistence is on. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** A crash (SIGKILL): whatever was not saved yet is lost, as on a real power cut. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops (cleanly) and starts again on the same ports and the same persistence directory. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Makes mosquitto write its in-memory database now (SIGUSR1) and waits until the new file is in place. Only
     * meaningful with persistence on.
     */
    public synchronized void saveNow() {
        if (autosaveInterval == null) {
            throw new IllegalStateException("persistence is off; build the broker with persistence(...)");
        }
        Path db = directory.resolve("mosquitto.db");
        Object before = fileKey(db);
        signal("USR1");
        // mosquitto writes a new file and renames it over the old one, so the file key (inode) changes.
        await("mosquitto saved " + db).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> { Object now = fileKey(db); return now != null && !now.equals(before); });
    }

    private static Object fileKey(Path file) {
        try {
            return Files.exists(file) ? Files.readAttributes(file, "unix:ino").get("ino") : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("mosquitto is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process id of the running broker, for readers of its CPU time in /proc (the benchmarks). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("mosquitto is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
        TestFiles.deleteRecursively(directory);
    }

    private Path configFile() {
        return directory.resolve("mosquitto.conf");
    }

    private void writeConfig() throws IOException {
        TestCertificates certs = TestCertificates.shared();
        TestCertificates.Identity serverCert = serverIdentity != null ? serverIdentity : certs.server();
        Path passwordFile = directory.resolve("passwords");
        if (!Files.exists(passwordFile)) {
            writePasswordFile(passwordFile);
        }
        StringBuilder conf = new StringBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            // otherwise it drops to user "mosquitto", which cannot read the key files we created
            conf.append("user root\n");
        }
        conf.append("pid_file ").append(directory.resolve("mosquitto.pid")).append('\n')
                .append("log_dest file ").append(logFile()).append('\n')
                .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                .append("connection_messages true\n")
                .append("allow_anonymous ").append(allowAnonymous).append('\n')
                .append("password_file ").append(passwordFile).append('\n');
        if (unlimitedMessages) {
            // Debian's 2.0.11 drops QoS 2 messages beyond 20 in flight unless both limits are off
            conf.append("max_inflight_messages 0\nmax_queued_messages 0\n");
        }
        if (maxPacketSize != null) {
            conf.append("max_packet_size ").append(maxPacketSize).append('\n');
        }
        if (aclRules != null) {
            Path aclFile = directory.resolve("acl");
            Files.writeString(aclFile, aclRules);
            conf.append("acl_file ").append(aclFile).append('\n');
        }
        if (autosaveInterval != null) {
            conf.append("persistence true\n")
                    .append("persistence_location ").append(directory).append(File.separator).append('\n')
                    .append("autosave_interval ").append(Math.max(1, autosaveInterval.toSeconds())).append('\n');
        }
        conf.append("\nlistener ").append(ports.tcp()).append(" 127.0.0.1\n");
        if (maxQos != null) {
            conf.append("max_qos ").append(maxQos).append('\n');
        }
        conf.append("\nlistener ").append(ports.ssl()).append(" 127.0.0.1\n")
                .append("cafile ").append(certs.ca().certPem()).append('\n')
                .append("certfile ").append(serverCert.certPem()).append('\n')
                .append("keyfile ").append(serverCert.keyPem()).append('\n');
        conf.append("\nlistener ").append(ports.mutualTls()).append(" 127.0.0.1\n")
                .append("cafile ").append(certs.ca().certPem()).append('\n')
                .append("certfile ").append(serverCert.certPem()).append('\n')
                .append("keyfile ").append(serverCert.keyPem()).append('\n')
                .append("require_certificate true\n");
        if (identityAsUsername) {
            conf.append("use_identity_as_username true\n");
        }
        // without socket_domain the WebSocket listener ignores the bind address
        conf.append("\nlistener ").append(ports.ws()).append(" 127.0.0.1\n")
                .append("protocol websockets\nsocket_domain ipv4\n");
        conf.append("\nlistener ").append(ports.wss()).append(" 127.0.0.1\n")
                .append("protocol websockets\nsocket_domain ipv4\n")
                .append("cafile ").append(certs.ca().certPem()).append('\n')
                .append("certfile ").append(certs.server().certPem()).append('\n')
                .append("keyfile ").append(certs.server().keyPem()).append('\n');
        Files.writeString(configFile(), conf);
    }

    private static void writePasswordFile(Path file) throws IOException {
        Path tool = executable().orElseThrow().resolveSibling("mosquitto_passwd");
        String command = Files.isExecutable(tool) ? tool.toString() : "mosquitto_passwd";
        try {
            Process p = new ProcessBuilder(command, "-c", "-b", file.toString(), USERNAME, PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("mosquitto_passwd failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running mosquitto_passwd", e);
        }
    }

    private Path logFile() {
        return directory.resolve("mosquitto.log");
    }

    /** Its config, log, pid file and database. */
    public Path directory() {
        return directory;
    }

    /** The log file and console output. */
    public String log() {
        return TestFiles.readOrEmpty(logFile()) + TestFiles.readOrEmpty(directory.resolve("stdout.log"));
    }

    @Override
    public String diagnostics() {
        return "mosquitto log:\n" + log();
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public BrokerPorts ports() {
        return ports;
    }

    @Override
    public boolean supportsRestart() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
