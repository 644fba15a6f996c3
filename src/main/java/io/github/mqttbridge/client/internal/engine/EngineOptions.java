package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.StringPair;
import io.github.mqttbridge.client.internal.persistence.SessionStoreFactory;
import io.github.mqttbridge.client.internal.session.ReceiptKeeper;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What the engine needs of the application's connect options, in the engine's own types. Built, validated, by the
 * API's {@code EngineOptions}.
 *
 * @param will        the will as CONNECT carries it, or null
 * @param hosts       the servers to try in order; empty means the one the client was created for
 * @param versions    the protocol versions to try, in order: the first always, each next one only when the server
 *                    refused the one before it as a version it does not speak
 * @param persistence where the session's state is kept, or null for the client object only
 */
public record EngineOptions(Duration timeout, Duration keepAliveInterval, boolean cleanSession, String userName,
                            char[] password, ConnectPacket.Will will, List<ServerUri> hosts,
                            List<MqttVersion> versions, Tls tls, Reconnect reconnect, FlowControl flow,
                            SessionStoreFactory persistence, Offline offline, Mqtt5 mqtt5) {

    /** The {@code versions} for an API version level: 3, 4 or 5; 0 for the newest the server takes; null for 4 then 3. */
    public static List<MqttVersion> versionsFor(Integer level) {
        if (level == null) {
            return List.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_3_1);
        }
        return level == 0 ? List.of(MqttVersion.MQTT_5, MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_3_1)
                : List.of(MqttVersion.ofLevel(level));
    }

    /** What an MQTT 5 CONNECT adds; an MQTT 3.x connection ignores it. {@code authentication} null for none. */
    public record Mqtt5(long sessionExpiryInterval, int receiveMaximum, int topicAliasMaximum,
                        List<StringPair> userProperties, boolean requestProblemInformation,
                        boolean requestResponseInformation, int outboundTopicAliases,
                        Authentication authentication) {
        public Mqtt5 {
            userProperties = List.copyOf(userProperties);
        }
    }

    /**
     * How TLS is used: on for every host with {@code useSsl}, or by the host's scheme; {@code alpnProtocols} are
     * offered in the handshake (empty: none).
     */
    public record Tls(boolean useSsl, SSLContext context, boolean hostnameVerification, List<String> alpnProtocols) {
        public Tls {
            alpnProtocols = List.copyOf(alpnProtocols);
        }
    }

    /** Whether and how fast to reconnect after a lost connection, or a failed first one. */
    public record Reconnect(boolean enabled, Duration minDelay, Duration maxDelay, boolean retryInitialConnect) {
    }

    /**
     * How much may be in flight or wait, each way, who acknowledges inbound messages, and who keeps the receipts
     * of inbound QoS 2 messages ({@code receiptKeeper} null: the session store).
     */
    public record FlowControl(int maxInflight, int maxInflightQos2, int maxInboundPacketSize, int maxInboundMessages,
                              long maxInboundBytes, boolean manualAcks, ReceiptKeeper receiptKeeper) {
    }

    /** Whether publishes are accepted while disconnected, and how many may wait. */
    public record Offline(boolean publishing, int bufferSize) {
    }

    public EngineOptions {
        hosts = List.copyOf(hosts);
        versions = List.copyOf(versions);
        password = password == null ? null : password.clone();
    }

    /** A copy of the password, or null; the caller wipes it after use. */
    @Override
    public char[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public String toString() {
        return "EngineOptions[timeout=" + timeout + ", keepAliveInterval=" + keepAliveInterval + ", cleanSession="
                + cleanSession + ", userName=" + userName + ", password=" + (password == null ? "none" : "*****")
                + ", hosts=" + hosts + ", versions=" + versions + ", " + tls + ", " + reconnect + ", " + flow + ", "
                + offline + ", " + mqtt5 + "]";
    }
}
