package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases for what we publish on one MQTT 5 connection (MQTT 5 section 3.3.2.3.4): the first publish to a
 * topic sends the topic and sets an alias for it, later ones send the alias and an empty topic, which saves the
 * topic's bytes on every message to a topic already seen. The first {@code maximum} topics get aliases and keep them
 * for the connection; a new connection starts afresh, as aliases do not outlive it. Used by the writer thread only.
 */
final class OutboundTopicAliases {
    private final int maximum;
    private final Map<String, Integer> aliases = new HashMap<>();

    /** {@code maximum}: the smaller of what the application allows and what the server's CONNACK allows. */
    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    PublishPacket apply(PublishPacket p) {
        Integer alias = aliases.get(p.topic());
        if (alias != null) {
            return withAlias(p, "", alias);
        }
        if (aliases.size() < maximum) {
            int next = aliases.size() + 1;
            aliases.put(p.topic(), next);
            return withAlias(p, p.topic(), next);
        }
        return p;
    }

    private static PublishPacket withAlias(PublishPacket p, String topic, int alias) {
        MqttProperties.Builder b = MqttProperties.builder();
        p.properties().entries().forEach(e -> b.add(e.property(), e.value()));
        b.add(MqttProperty.TOPIC_ALIAS, alias);
        return new PublishPacket(topic, p.payload(), p.qos(), p.retain(), p.dup(), p.packetId(), b.build());
    }
}
