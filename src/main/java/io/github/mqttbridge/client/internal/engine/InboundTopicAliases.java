package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import java.util.HashMap;
import java.util.Map;

/**
 * The topic aliases an MQTT 5 server uses towards us on one connection (MQTT 5 section 3.3.2.3.4): a PUBLISH with
 * a topic and an alias sets the alias, one with an alias and an empty topic uses it. Aliases last for the
 * connection only; a new connection starts with none. Used on the reader thread only.
 */
final class InboundTopicAliases {
    private static final int TOPIC_ALIAS_INVALID = 0x94;
    private static final int PROTOCOL_ERROR = ProtocolViolationException.PROTOCOL_ERROR;
    private final int maximum;
    private final Map<Integer, String> topics = new HashMap<>();

    /** {@code maximum}: the topic alias maximum we told the server, 0 when it may use none. */
    InboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /** The PUBLISH with its topic resolved. */
    PublishPacket resolve(PublishPacket p) throws ProtocolViolationException {
        Integer alias = p.properties().topicAlias();
        if (alias == null) {
            return p;
        }
        if (alias == 0 || alias > maximum) {
            throw new ProtocolViolationException("PUBLISH with topic alias " + alias + ", outside the 1 to " + maximum
                    + " we allowed [MQTT-3.3.2-9, MQTT-3.3.2-8]", TOPIC_ALIAS_INVALID);
        }
        String topic = p.topic();
        if (topic.isEmpty()) {
            topic = topics.get(alias);
            if (topic == null) {
                throw new ProtocolViolationException("PUBLISH with topic alias " + alias
                        + " and no topic, but the server never set that alias on this connection", PROTOCOL_ERROR);
            }
        } else {
            topics.put(alias, topic);
        }
        return new PublishPacket(topic, p.payload(), p.qos(), p.retain(), p.dup(), p.packetId(), p.properties());
    }
}
