package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/** SUBSCRIBE: one or more topic filters with their options; MQTT 5.0 adds properties. */
public record SubscribePacket(int packetId, List<Subscription> subscriptions, MqttProperties properties)
        implements MqttPacket {

    /**
     * One topic filter, the maximum QoS asked for it and the MQTT 5.0 subscription options (MQTT 5.0 section
     * 3.8.3.1): no local, retain as published and retain handling 0-2. MQTT 3.x has only the QoS.
     */
    public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished,
                               int retainHandling) {
        /** The MQTT 3.x form: the options at their defaults, which are also the only values 3.x can send. */
        public Subscription(String filter, int qos) {
            this(filter, qos, false, false, 0);
        }
    }

    public SubscribePacket {
        subscriptions = List.copyOf(subscriptions);
    }

    /** The MQTT 3.x form, without properties. */
    public SubscribePacket(int packetId, List<Subscription> subscriptions) {
        this(packetId, subscriptions, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
