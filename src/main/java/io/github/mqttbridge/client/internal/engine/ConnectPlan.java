package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one connect() tries: the servers and protocol versions in order, and the CONNECT it sends. */
final class ConnectPlan {
    private static final int MAX_TWO_BYTE_INTEGER = 65_535;

    private final String clientId;
    private final ServerUri defaultUri;
    private final EngineOptions options;

    ConnectPlan(String clientId, ServerUri defaultUri, EngineOptions options) {
        this.clientId = clientId;
        this.defaultUri = defaultUri;
        this.options = options;
    }

    List<ConnectAttempt.Candidate> candidates() {
        EngineOptions o = options;
        List<ServerUri> uris = o.hosts().isEmpty() ? List.of(defaultUri) : o.hosts();
        List<ConnectAttempt.Candidate> list = new ArrayList<>();
        for (ServerUri uri : uris) {
            ServerUri effective = o.tls().useSsl() ? uri.withScheme(uri.scheme().withTls()) : uri;
            boolean fallback = false;
            for (MqttVersion version : o.versions()) {
                // 3.1 allows only 1 to 23 characters of client id, so other ids cannot fall back to it.
                if (!fallback || version != MqttVersion.MQTT_3_1
                        || !clientId.isEmpty() && clientId.length() <= MqttVersion.MQTT_3_1.maxClientIdLength()) {
                    list.add(new ConnectAttempt.Candidate(effective, version, fallback));
                }
                fallback = true;
            }
        }
        return list;
    }

    ConnectPacket connectPacket(MqttVersion version) {
        EngineOptions o = options;
        ConnectPacket.Will will = o.will() == null || version == MqttVersion.MQTT_5 ? o.will()
                : new ConnectPacket.Will(o.will().topic(), o.will().payload(), o.will().qos(), o.will().retain());
        return new ConnectPacket(version, clientId, o.cleanSession(), (int) o.keepAliveInterval().getSeconds(), will,
                o.userName(), passwordBytes(o.password()),
                version == MqttVersion.MQTT_5 ? connectProperties(o) : MqttProperties.EMPTY);
    }

    /** The CONNECT properties of MQTT 5; each left out where its default (MQTT 5 section 3.1.2.11) says the same. */
    private static MqttProperties connectProperties(EngineOptions o) {
        EngineOptions.Mqtt5 v5 = o.mqtt5();
        MqttProperties.Builder b = MqttProperties.builder();
        if (v5.sessionExpiryInterval() != 0) {
            b.add(MqttProperty.SESSION_EXPIRY_INTERVAL, v5.sessionExpiryInterval());
        }
        if (v5.receiveMaximum() != MAX_TWO_BYTE_INTEGER) {
            b.add(MqttProperty.RECEIVE_MAXIMUM, v5.receiveMaximum());
        }
        b.add(MqttProperty.MAXIMUM_PACKET_SIZE, (long) o.flow().maxInboundPacketSize());
        if (v5.topicAliasMaximum() != 0) {
            b.add(MqttProperty.TOPIC_ALIAS_MAXIMUM, v5.topicAliasMaximum());
        }
        if (v5.requestResponseInformation()) {
            b.add(MqttProperty.REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!v5.requestProblemInformation()) {
            b.add(MqttProperty.REQUEST_PROBLEM_INFORMATION, 0);
        }
        v5.userProperties().forEach(p -> b.userProperty(p.name(), p.value()));
        Authentication auth = v5.authentication();
        if (auth != null) {
            b.add(MqttProperty.AUTHENTICATION_METHOD, auth.method());
            byte[] data = auth.initialData();
            if (data != null) {
                b.add(MqttProperty.AUTHENTICATION_DATA, data);
            }
        }
        return b.build();
    }

    /** The password as UTF-8 for the wire; the copies made on the way are wiped. */
    private static byte[] passwordBytes(char[] password) {
        if (password == null) {
            return null;
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        Arrays.fill(password, '\0');
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
