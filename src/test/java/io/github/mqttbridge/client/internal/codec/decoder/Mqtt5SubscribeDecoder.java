package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE in MQTT 5.0, as the tests' server decodes it: packet id, properties, then each filter with its
 * subscription options (MQTT 5.0 section 3.8.3.1).
 */
final class Mqtt5SubscribeDecoder implements MqttMessageDecoder {
    private static final int QOS = 0b0000_0011;
    private static final int NO_LOCAL = 0b0000_0100;
    private static final int RETAIN_AS_PUBLISHED = 0b0000_1000;
    private static final int RETAIN_HANDLING_SHIFT = 4;
    private static final int RESERVED = 0b1100_0000;

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.SUBSCRIBE, flags, FixedHeaderFlags.RESERVED_0010);
        int packetId = body.readPacketId();
        MqttProperties properties = Mqtt5PropertyReader.read(body, PropertyScope.SUBSCRIBE);
        if (body.remaining() == 0) {
            throw new MqttDecodeException("SUBSCRIBE payload must contain at least one topic filter [MQTT-3.8.3-2]");
        }
        List<Subscription> subscriptions = new ArrayList<>();
        while (body.remaining() > 0) {
            String filter = Mqtt3TopicFilters.read(PacketType.SUBSCRIBE, body);
            subscriptions.add(subscription(filter, body.readUnsignedByte("subscription options")));
        }
        return new SubscribePacket(packetId, subscriptions, properties);
    }

    private static Subscription subscription(String filter, int options) throws MqttDecodeException {
        if ((options & RESERVED) != 0) {
            throw new MqttDecodeException("bits 7-6 of the subscription options in SUBSCRIBE are reserved and must be"
                    + " 0, were 0x" + Integer.toHexString(options) + " [MQTT-3.8.3-5]");
        }
        int qos = options & QOS;
        if (qos == 3) {
            throw new MqttDecodeException("SUBSCRIBE with maximum QoS 3, must be 0, 1 or 2 (MQTT 5.0 section 3.8.3.1)");
        }
        int retainHandling = options >>> RETAIN_HANDLING_SHIFT;
        if (retainHandling == 3) {
            throw new MqttDecodeException("SUBSCRIBE with retain handling 3, must be 0, 1 or 2"
                    + " (MQTT 5.0 section 3.8.3.1)");
        }
        boolean noLocal = (options & NO_LOCAL) != 0;
        if (noLocal && TopicFilter.isShared(filter)) {
            throw new MqttDecodeException("no local must be 0 on the shared subscription '" + filter
                    + "' [MQTT-3.8.3-4]");
        }
        return new Subscription(filter, qos, noLocal, (options & RETAIN_AS_PUBLISHED) != 0, retainHandling);
    }
}
