package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one connect() tries: the servers and protocol versions in order, and the CONNECT it sends. */
final class ConnectPlan {
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
            if (o.version() != null) {
                list.add(new ConnectAttempt.Candidate(effective, o.version(), false));
            } else {
                list.add(new ConnectAttempt.Candidate(effective, MqttVersion.MQTT_3_1_1, false));
                // 3.1 allows only 1 to 23 characters of client id, so other ids cannot fall back.
                if (!clientId.isEmpty() && clientId.length() <= MqttVersion.MQTT_3_1.maxClientIdLength()) {
                    list.add(new ConnectAttempt.Candidate(effective, MqttVersion.MQTT_3_1, true));
                }
            }
        }
        return list;
    }

    ConnectPacket connectPacket(MqttVersion version) {
        EngineOptions o = options;
        return new ConnectPacket(version, clientId, o.cleanSession(), (int) o.keepAliveInterval().getSeconds(), o.will(),
                o.userName(), passwordBytes(o.password()));
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
