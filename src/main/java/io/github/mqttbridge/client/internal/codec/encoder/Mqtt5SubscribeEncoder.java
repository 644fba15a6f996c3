package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;

import java.nio.ByteBuffer;

/**
 * SUBSCRIBE in MQTT 5.0: packet id, properties, then each filter with its subscription options byte (MQTT 5.0
 * section 3.8.3.1).
 */
final class Mqtt5SubscribeEncoder extends MqttMessageEncoder<SubscribePacket> {

    Mqtt5SubscribeEncoder() {
        super(SubscribePacket.class);
    }

    @Override
    long bodyLength(SubscribePacket packet) {
        int propertiesSize = Mqtt5PropertyWriter.size(packet.properties(), PropertyScope.SUBSCRIBE);
        return propertiesSize + Mqtt3SubscribeEncoder.checkedPacketIdAndSubscriptionsSize(packet, s -> {
            if (s.retainHandling() < 0 || s.retainHandling() > 2) {
                throw new IllegalArgumentException("retainHandling of SUBSCRIBE must be 0, 1 or 2 (MQTT 5.0 section"
                        + " 3.8.3.1), was " + s.retainHandling());
            }
            if (s.noLocal() && TopicFilter.isShared(s.filter())) {
                throw new IllegalArgumentException("noLocal must be false on the shared subscription '" + s.filter()
                        + "' [MQTT-3.8.3-4]");
            }
        });
    }

    @Override
    int flags(SubscribePacket packet) {
        return Mqtt3SubscribeEncoder.FLAGS;
    }

    @Override
    void encodeBody(SubscribePacket packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        Mqtt5PropertyWriter.write(packet.properties(), out);
        Mqtt3SubscribeEncoder.writeSubscriptions(packet, out);
    }
}
