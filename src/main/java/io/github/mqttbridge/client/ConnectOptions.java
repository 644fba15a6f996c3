package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.MqttDecoder;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.engine.EngineOptions;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;

/**
 * How {@link MqttClient#connect} connects, as Paho's {@code connectOptions} in a builder. Every setter checks its
 * value at once and names the parameter in its exception; {@link Builder#build()} checks the rules that join
 * several of them.
 */
public final class ConnectOptions {
    /** For {@link Builder#mqttVersion}: MQTT 5, then 3.1.1, then 3.1, each if the server refuses the one before. */
    public static final int MQTT_VERSION_AUTO = 0;

    private final EngineOptions engine;
    private final MqttMessage willMessage;
    private final MqttPersistence persistence;
    private final Mqtt5ConnectOptions mqtt5;
    private final Integer mqttVersion;

    private ConnectOptions(Builder b) {
        willMessage = b.willMessage;
        persistence = b.persistence;
        mqtt5 = b.mqtt5(b.cleanSession);
        mqttVersion = b.mqttVersion;
        ConnectPacket.Will will = willMessage == null ? null : new ConnectPacket.Will(willMessage.destinationName(),
                willMessage.payloadNoCopy(), willMessage.qos(), willMessage.retained(),
                MessageProperties.will(willMessage, mqtt5.willDelayInterval()));
        engine = new EngineOptions(b.timeout, b.keepAliveInterval, b.cleanSession, b.userName, b.password, will,
                b.hosts, EngineOptions.versionsFor(b.mqttVersion),
                new EngineOptions.Tls(b.useSsl, b.sslContext, b.hostnameVerification, b.alpnProtocols),
                new EngineOptions.Reconnect(b.reconnect, b.reconnectMinDelay, b.reconnectMaxDelay, b.retryInitialConnect),
                new EngineOptions.FlowControl(b.maxInflight, b.maxInflightQos2, b.maxInboundPacketSize,
                        b.maxInboundMessages, b.maxInboundBytes, b.manualAcks,
                        ReceiptKeeperAdapter.of(b.receiptKeeper)),
                persistence == null ? null : persistence.stores(),
                new EngineOptions.Offline(b.disconnectedPublishing, b.disconnectedBufferSize), Mqtt5Setters.forEngine(mqtt5));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Connect with every option at its default: 30 s timeout, 60 s keep-alive, clean session. */
    public static ConnectOptions defaults() {
        return builder().build();
    }

    /** These options in the engine's types. */
    EngineOptions engine() {
        return engine;
    }

    public Duration timeout() {
        return engine.timeout();
    }

    public Duration keepAliveInterval() {
        return engine.keepAliveInterval();
    }

    public boolean cleanSession() {
        return engine.cleanSession();
    }

    public Optional<String> userName() {
        return Optional.ofNullable(engine.userName());
    }

    /** A copy of the password, or null; the caller should wipe it after use. */
    public char[] password() {
        return engine.password();
    }

    public Optional<MqttMessage> willMessage() {
        return Optional.ofNullable(willMessage);
    }

    public boolean useSsl() {
        return engine.tls().useSsl();
    }

    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(engine.tls().context());
    }

    public boolean hostnameVerification() {
        return engine.tls().hostnameVerification();
    }

    /** The protocols offered by TLS ALPN on {@code ssl://} connections; empty when none are. */
    public List<String> alpnProtocols() {
        return engine.tls().alpnProtocols();
    }

    /** The servers to try in order, as URIs; empty means the one the client was created for. */
    public List<String> hosts() {
        return engine.hosts().stream().map(ServerUri::toString).toList();
    }

    /**
     * The version asked for (3 for MQTT 3.1, 4 for MQTT 3.1.1, 5 for MQTT 5, {@link #MQTT_VERSION_AUTO}), or empty to
     * try 3.1.1 and fall back to 3.1.
     */
    public OptionalInt mqttVersion() {
        return mqttVersion == null ? OptionalInt.empty() : OptionalInt.of(mqttVersion);
    }

    /** The MQTT 5 settings; an MQTT 3.1 or 3.1.1 connection ignores them. */
    public Mqtt5ConnectOptions mqtt5() {
        return mqtt5;
    }

    public int maxInflight() {
        return engine.flow().maxInflight();
    }

    public int maxInflightQos2() {
        return engine.flow().maxInflightQos2();
    }

    public int maxInboundPacketSize() {
        return engine.flow().maxInboundPacketSize();
    }

    public boolean manualAcks() {
        return engine.flow().manualAcks();
    }

    public int maxInboundMessages() {
        return engine.flow().maxInboundMessages();
    }

    public long maxInboundBytes() {
        return engine.flow().maxInboundBytes();
    }

    public boolean reconnect() {
        return engine.reconnect().enabled();
    }

    public Duration reconnectMinDelay() {
        return engine.reconnect().minDelay();
    }

    public Duration reconnectMaxDelay() {
        return engine.reconnect().maxDelay();
    }

    public boolean retryInitialConnect() {
        return engine.reconnect().retryInitialConnect();
    }

    /** The session store; null means the session lives in the client object only. */
    public MqttPersistence persistence() {
        return persistence;
    }

    public boolean disconnectedPublishing() {
        return engine.offline().publishing();
    }

    public int disconnectedBufferSize() {
        return engine.offline().bufferSize();
    }

    @Override
    public String toString() {
        return "ConnectOptions[timeout=" + timeout() + ", keepAliveInterval=" + keepAliveInterval()
                + ", cleanSession=" + cleanSession() + ", userName=" + engine.userName() + ", password="
                + (engine.password() == null ? "none" : "*****") + ", hosts=" + engine.hosts() + ", mqttVersion="
                + mqttVersion + ", maxInflight=" + maxInflight() + "/" + maxInflightQos2() + ", reconnect=" + reconnect()
                + ", persistence=" + persistence + ", manualAcks=" + manualAcks() + "]";
    }

    /** Builds {@link ConnectOptions}; each setter validates its argument. */
    public static final class Builder extends Mqtt5Setters<Builder> {
        private Duration timeout = Duration.ofSeconds(30);
        private Duration keepAliveInterval = Duration.ofSeconds(60);
        private boolean cleanSession = true;
        private String userName;
        private char[] password;
        private MqttMessage willMessage;
        private boolean useSsl;
        private SSLContext sslContext;
        private boolean hostnameVerification = true;
        private List<String> alpnProtocols = List.of();
        private List<ServerUri> hosts = List.of();
        private Integer mqttVersion;
        private int maxInflight = 1000;
        private int maxInflightQos2 = 20;
        private int maxInboundPacketSize = MqttDecoder.DEFAULT_MAX_PACKET_SIZE;
        private boolean manualAcks;
        private MqttReceiptKeeper receiptKeeper;
        private int maxInboundMessages = 10_000;
        private long maxInboundBytes = 64L * 1024 * 1024;
        private boolean reconnect;
        private Duration reconnectMinDelay = Duration.ofSeconds(1);
        private Duration reconnectMaxDelay = Duration.ofMinutes(2);
        private boolean retryInitialConnect;
        private MqttPersistence persistence;
        private boolean disconnectedPublishing;
        private int disconnectedBufferSize = 5000;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Reconnect on our own after a connection is lost: after a delay that starts at 1 s and doubles up to
         * 2 min (see {@link #reconnectDelay}), with jitter, walking the hosts in order each time.
         */
        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** The first and the longest delay between reconnect attempts; each failed attempt doubles it. */
        public Builder reconnectDelay(Duration min, Duration max) {
            Arguments.range(min, max, "reconnectDelay");
            this.reconnectMinDelay = min;
            this.reconnectMaxDelay = max;
            return this;
        }

        /**
         * Keep trying the first connect too, with the same backoff, instead of failing it: the future of
         * connect() completes when a server finally accepts us, or fails when the client is disconnected or closed.
         */
        public Builder retryInitialConnect(boolean retryInitialConnect) {
            this.retryInitialConnect = retryInitialConnect;
            return this;
        }

        /** Where unacknowledged messages and QoS 2 state are kept; see {@link MqttPersistence}. */
        public Builder persistence(MqttPersistence persistence) {
            if (persistence == null) {
                throw new IllegalArgumentException("persistence must not be null");
            }
            this.persistence = persistence;
            return this;
        }

        /** Accept publishes while disconnected, up to {@link #disconnectedBufferSize}, and send them on reconnect. */
        public Builder disconnectedPublishing(boolean disconnectedPublishing) {
            this.disconnectedPublishing = disconnectedPublishing;
            return this;
        }

        /** How many messages may wait unsent while disconnected; the next one fails with BUFFER_FULL. */
        public Builder disconnectedBufferSize(int disconnectedBufferSize) {
            this.disconnectedBufferSize = (int) Arguments.atLeast(disconnectedBufferSize, 1, "disconnectedBufferSize");
            return this;
        }

        /** How long one connection attempt may take, from opening the socket to the CONNACK. */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.positive(timeout, "timeout");
            return this;
        }

        /** The longest silence before a PINGREQ; zero turns keep-alive off. At most 65535 s. */
        public Builder keepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = Arguments.wholeSeconds(keepAliveInterval, 65535, "keepAliveInterval");
            return this;
        }

        public Builder cleanSession(boolean cleanSession) {
            this.cleanSession = cleanSession;
            return this;
        }

        public Builder userName(String userName) {
            this.userName = userName == null ? null : Arguments.utf8(userName, "userName");
            return this;
        }

        /** The password; copied, and never shown in a message or log line. */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** The will: its destination name, payload, QoS and retained flag are published if we vanish. */
        public Builder willMessage(MqttMessage willMessage) {
            if (willMessage != null && willMessage.destinationName() == null) {
                throw new IllegalArgumentException("willMessage.destinationName must be set");
            }
            this.willMessage = willMessage;
            return this;
        }

        /** Use TLS: tcp:// becomes ssl:// and ws:// becomes wss://. */
        public Builder useSsl(boolean useSsl) {
            this.useSsl = useSsl;
            return this;
        }

        /** The TLS context: its trust managers check the server, its key managers give a client certificate. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Whether TLS checks that the certificate is for the host we dialled. On by default; keep it on. */
        public Builder hostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
            return this;
        }

        /** TLS ALPN names to offer on {@code ssl://}, e.g. {@code x-amzn-mqtt-ca} (AWS IoT Core on port 443). */
        public Builder alpnProtocols(List<String> alpnProtocols) {
            this.alpnProtocols = Arguments.alpnProtocolNames(alpnProtocols, "alpnProtocols");
            return this;
        }

        /** Servers tried in order until one accepts: tcp://, ssl://, ws:// or wss:// URIs. */
        public Builder hosts(List<String> hosts) {
            this.hosts = Arguments.serverUris(hosts, "hosts");
            return this;
        }

        /**
         * 3 for MQTT 3.1, 4 for MQTT 3.1.1, 5 for MQTT 5, or {@link #MQTT_VERSION_AUTO}: 5, then 3.1.1, then 3.1. Unset:
         * 3.1.1 first, then 3.1 if the server does not take it.
         */
        public Builder mqttVersion(int mqttVersion) {
            if (mqttVersion != MQTT_VERSION_AUTO && (mqttVersion < 3 || mqttVersion > 5)) {
                throw new IllegalArgumentException("mqttVersion must be 3 (MQTT 3.1), 4 (MQTT 3.1.1), 5 (MQTT 5) or "
                        + MQTT_VERSION_AUTO + " (the newest the server takes), was " + mqttVersion);
            }
            this.mqttVersion = mqttVersion;
            return this;
        }

        /** How many QoS 1 and 2 publishes may await acknowledgement; more wait their turn. 1 to 65535. */
        public Builder maxInflight(int maxInflight) {
            this.maxInflight = (int) Arguments.between(maxInflight, 1, 65535, "", "maxInflight");
            return this;
        }

        /**
         * How many of the {@link #maxInflight} publishes may be QoS 2; more wait their turn, in order. 1 to 65535,
         * default 20: Mosquitto as installed acknowledges every QoS 2 message of a client that keeps more than 20 in
         * flight and then silently drops some of them. Raise it for a broker configured to take more.
         */
        public Builder maxInflightQos2(int maxInflightQos2) {
            this.maxInflightQos2 = (int) Arguments.between(maxInflightQos2, 1, 65535, "", "maxInflightQos2");
            return this;
        }

        /** The largest packet accepted from the server; a larger one is a protocol error. */
        public Builder maxInboundPacketSize(int maxInboundPacketSize) {
            this.maxInboundPacketSize = (int) Arguments.between(maxInboundPacketSize, 2, 268_435_460, " bytes",
                    "maxInboundPacketSize");
            return this;
        }

        /** The MQTT 5 name of {@link #maxInboundPacketSize}; on MQTT 5 the server is told, and sends nothing larger. */
        public Builder maximumPacketSize(int maximumPacketSize) {
            return maxInboundPacketSize(maximumPacketSize);
        }

        /** Acknowledge inbound QoS 1 and 2 messages only when the application calls {@link MqttMessage#ack()}. */
        public Builder manualAcks(boolean manualAcks) {
            this.manualAcks = manualAcks;
            return this;
        }

        /** Let {@code keeper} keep the receipts of inbound QoS 2 messages, for exactly once across a crash. */
        public Builder receiptKeeper(MqttReceiptKeeper receiptKeeper) {
            this.receiptKeeper = receiptKeeper;
            return this;
        }

        /**
         * How many arrived messages, and how many payload bytes, may wait for {@code onMessageArrived}; beyond
         * that the client stops reading from the server until the application catches up.
         */
        public Builder maxInboundQueue(int messages, long bytes) {
            this.maxInboundMessages = (int) Arguments.atLeast(messages, 1, "maxInboundQueue messages");
            this.maxInboundBytes = Arguments.atLeast(bytes, 1, "maxInboundQueue bytes");
            return this;
        }

        public ConnectOptions build() {
            if (password != null && userName == null) {
                throw new IllegalArgumentException("password needs a userName: MQTT sends no password without one");
            }
            if (password != null && Arguments.utf8Length(password) > 65535) {
                throw new IllegalArgumentException("password must not be longer than 65535 bytes");
            }
            return new ConnectOptions(this);
        }
    }
}
