package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/** SUBSCRIBE: one or more topic filters, each with its requested QoS. */
public record SubscribePacket(int packetId, List<Subscription> subscriptions) implements MqttPacket {

    /** One topic filter and the maximum QoS asked for it. */
    public record Subscription(String filter, int qos) {
    }

    public SubscribePacket {
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
