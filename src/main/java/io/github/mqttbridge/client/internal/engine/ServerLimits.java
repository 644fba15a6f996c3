package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.MqttEncoder;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;

/**
 * What an MQTT 5 server's CONNACK forbids us to send. A PUBLISH larger than its Maximum Packet Size must not be
 * sent [MQTT-3.1.2-24]: the server would drop the connection (0x95), and every resend of the message would drop it
 * again. Such a publish fails at once instead.
 */
final class ServerLimits {
    private static final MqttEncoder MQTT_5 = MqttEncoder.forClient(MqttVersion.MQTT_5);

    private ServerLimits() {
    }

    /** Why the server would refuse this publish, or null when it may be sent (or nothing is known yet). */
    static String tooLarge(Negotiated negotiated, String topic, byte[] payload, int qos, boolean retain,
                           MqttProperties properties) {
        if (negotiated == null || negotiated.maximumPacketSize() == 0) {
            return null;
        }
        int size = MqttEncoder.sizeOf(MQTT_5.remainingLength(new PublishPacket(topic, payload, qos, retain, false,
                qos == 0 ? 0 : 1, properties)));
        if (size <= negotiated.maximumPacketSize()) {
            return null;
        }
        return "the message to '" + topic + "' would be a packet of " + size + " bytes, more than the server's"
                + " maximum packet size of " + negotiated.maximumPacketSize() + " bytes";
    }
}
