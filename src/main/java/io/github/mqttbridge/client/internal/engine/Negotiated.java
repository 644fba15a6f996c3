package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;

/**
 * What a connection's CONNACK settled: the protocol version, the client id (an MQTT 5 server assigns one when we
 * sent none) and the server's limits on what we send, at their MQTT defaults when it states none.
 *
 * @param receiveMaximum    how many QoS 1 and 2 publishes the server takes unacknowledged
 * @param maximumPacketSize   the largest packet the server takes, or 0 when it states no limit
 * @param responseInformation the server's response information (MQTT 5), or null
 * @param topicAliasMaximum   how many topic aliases the server takes from us; 0 for none
 * @param subscriptionIdentifiersAvailable whether the server takes subscription identifiers (MQTT 5 CONNACK 0x29)
 */
public record Negotiated(MqttVersion version, String clientId, int receiveMaximum, long maximumPacketSize,
                         String responseInformation, int topicAliasMaximum, boolean subscriptionIdentifiersAvailable) {
    private static final int NO_RECEIVE_LIMIT = 65_535;

    static Negotiated of(MqttVersion version, ConnAckPacket connAck, String requestedClientId) {
        var p = connAck.properties();
        String assigned = p.assignedClientIdentifier();
        return new Negotiated(version, assigned != null ? assigned : requestedClientId,
                p.receiveMaximum() != null ? p.receiveMaximum() : NO_RECEIVE_LIMIT,
                p.maximumPacketSize() != null ? p.maximumPacketSize() : 0, p.responseInformation(),
                p.topicAliasMaximum() != null ? p.topicAliasMaximum() : 0,
                p.subscriptionIdentifierAvailable() == null || p.subscriptionIdentifierAvailable() == 1);
    }

    /**
     * The subscription identifier to send for {@code requested}: none on MQTT 3, which has them not, nor to a server
     * whose CONNACK says it takes none, which would end the connection over one (MQTT 5 section 3.2.2.3.12); the
     * messages then arrive without one.
     */
    public int subscriptionIdentifier(int requested) {
        return version == MqttVersion.MQTT_5 && subscriptionIdentifiersAvailable ? requested : 0;
    }

    /** "3.1", "3.1.1" or "5", as log lines name the version. */
    public String versionName() {
        return switch (version) {
            case MQTT_3_1 -> "3.1";
            case MQTT_3_1_1 -> "3.1.1";
            case MQTT_5 -> "5";
        };
    }
}
