package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;

/** The topic filter field shared by SUBSCRIBE and UNSUBSCRIBE. */
final class Mqtt3TopicFilters {
    private Mqtt3TopicFilters() {
    }

    static String read(PacketType type, MqttBodyReader body) throws MqttDecodeException {
        String filter = body.readString("topic filter");
        String problem = TopicFilter.problem(filter);
        if (problem != null) {
            throw new MqttDecodeException("topic filter of " + type + " " + problem + " (MQTT 3.1.1 section 4.7)");
        }
        return filter;
    }
}
