package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

final class Mqtt3SubscribeEncoder extends MqttMessageEncoder<SubscribePacket> {
    private static final int PACKET_ID_SIZE = 2;
    private static final int OPTIONS_SIZE = 1;
    private static final int NO_LOCAL = 0x04;
    private static final int RETAIN_AS_PUBLISHED = 0x08;
    private static final int RETAIN_HANDLING_SHIFT = 4;
    /** Bits 3-0 of SUBSCRIBE are fixed at 0010 [MQTT-3.8.1-1], in MQTT 5.0 as well. */
    static final int FLAGS = 0b0010;

    Mqtt3SubscribeEncoder() {
        super(SubscribePacket.class);
    }

    @Override
    long bodyLength(SubscribePacket packet) {
        Mqtt3FieldRules.requireNoProperties(packet.properties(), packet.type());
        return checkedPacketIdAndSubscriptionsSize(packet, s -> {
            if (s.noLocal() || s.retainAsPublished() || s.retainHandling() != 0) {
                throw new IllegalArgumentException("subscription options noLocal, retainAsPublished and retainHandling"
                        + " need MQTT 5.0, MQTT 3.x has only the QoS, was " + s);
            }
        });
    }

    /**
     * Checks and sizes the packet id and the subscriptions, which MQTT 5.0 keeps: each filter is followed by one
     * byte, the requested QoS in 3.x and the subscription options in 5.0, whose own rules the caller checks.
     */
    static long checkedPacketIdAndSubscriptionsSize(SubscribePacket packet, Consumer<Subscription> optionRules) {
        Mqtt3FieldRules.requirePacketId(packet.packetId(), packet.type());
        if (packet.subscriptions().isEmpty()) {
            throw new IllegalArgumentException("SUBSCRIBE must hold at least one subscription [MQTT-3.8.3-3]"
                    + " (MQTT 5.0: [MQTT-3.8.3-2])");
        }
        long length = PACKET_ID_SIZE;
        for (Subscription s : packet.subscriptions()) {
            Mqtt3FieldRules.requireTopicRule(TopicFilter.problem(s.filter()), "filter of SUBSCRIBE", s.filter());
            Mqtt3FieldRules.requireQos(s.qos(), "qos of SUBSCRIBE");
            optionRules.accept(s);
            length += MqttLengthPrefixed.checkedStringSize(s.filter()) + OPTIONS_SIZE;
        }
        return length;
    }

    @Override
    int flags(SubscribePacket packet) {
        return FLAGS;
    }

    @Override
    void encodeBody(SubscribePacket packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        writeSubscriptions(packet, out);
    }

    /**
     * Each filter and its options byte (MQTT 5.0 section 3.8.3.1), whose bits 7-6 are reserved and never written.
     * MQTT 3.x refuses every option but the QoS, so the byte is then the requested QoS of 3.1.1.
     */
    static void writeSubscriptions(SubscribePacket packet, ByteBuffer out) {
        for (Subscription s : packet.subscriptions()) {
            MqttLengthPrefixed.writeString(s.filter(), out);
            out.put((byte) (s.qos() | (s.noLocal() ? NO_LOCAL : 0) | (s.retainAsPublished() ? RETAIN_AS_PUBLISHED : 0)
                    | s.retainHandling() << RETAIN_HANDLING_SHIFT));
        }
    }
}
