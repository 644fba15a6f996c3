package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.datatypes.TopicName;

/** PUBLISH: the only type whose fixed header flags carry data (DUP, QoS, RETAIN). */
final class Mqtt3PublishDecoder implements MqttMessageDecoder {
    private static final int DUP = 0b1000;
    private static final int RETAIN = 0b0001;

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        int qos = qos(flags);
        String topic = body.readString("topic name");
        requireTopic(topic);
        int packetId = qos > 0 ? body.readPacketId() : 0;
        return new PublishPacket(topic, body.readRest(), qos, retain(flags), dup(flags), packetId);
    }

    /** The QoS of bits 2-1, once the flags are known to follow their rules, which MQTT 5.0 keeps unchanged. */
    static int qos(int flags) throws MqttDecodeException {
        int qos = (flags >>> 1) & 0b11;
        if (qos == 3) {
            throw new MqttDecodeException("PUBLISH with QoS 3: bits 2-1 of the fixed header must not both be 1"
                    + " [MQTT-3.3.1-4]");
        }
        if (dup(flags) && qos == 0) {
            throw new MqttDecodeException("PUBLISH with QoS 0 must not have the DUP flag (bit 3) set [MQTT-3.3.1-2]");
        }
        return qos;
    }

    static boolean dup(int flags) {
        return (flags & DUP) != 0;
    }

    static boolean retain(int flags) {
        return (flags & RETAIN) != 0;
    }

    /** readString already held the topic to the UTF-8 rules; what is left are the topic name's own. */
    static void requireTopic(String topic) throws MqttDecodeException {
        String problem = TopicName.wildcardProblem(topic);
        if (problem != null) {
            throw new MqttDecodeException("topic name of an inbound PUBLISH " + problem + " [MQTT-3.3.2-2, MQTT-4.7.3-1]");
        }
    }
}
