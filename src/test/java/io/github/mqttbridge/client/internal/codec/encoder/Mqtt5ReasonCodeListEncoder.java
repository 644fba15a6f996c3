package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * SUBACK and UNSUBACK in MQTT 5.0, as the tests' server encodes them: packet id, properties and one reason code
 * per filter (MQTT 5.0 sections 3.9 and 3.11).
 */
final class Mqtt5ReasonCodeListEncoder<P extends MqttPacket> extends MqttMessageEncoder<P> {
    private static final int PACKET_ID_SIZE = 2;
    private final ToIntFunction<P> packetId;
    private final Function<P, List<Integer>> reasonCodes;
    private final Function<P, MqttProperties> properties;

    Mqtt5ReasonCodeListEncoder(Class<P> packetClass, ToIntFunction<P> packetId, Function<P, List<Integer>> reasonCodes,
                               Function<P, MqttProperties> properties) {
        super(packetClass);
        this.packetId = packetId;
        this.reasonCodes = reasonCodes;
        this.properties = properties;
    }

    @Override
    long bodyLength(P packet) {
        Mqtt3FieldRules.requirePacketId(packetId.applyAsInt(packet), packet.type());
        List<Integer> codes = reasonCodes.apply(packet);
        if (codes.isEmpty()) {
            throw new IllegalArgumentException(packet.type() + " must hold at least one reason code");
        }
        for (int code : codes) {
            Mqtt5FieldRules.requireReasonCode(code, packet.type());
        }
        return PACKET_ID_SIZE + Mqtt5PropertyWriter.size(properties.apply(packet), PropertyScope.of(packet.type()))
                + (long) codes.size();
    }

    @Override
    int flags(P packet) {
        return 0;
    }

    @Override
    void encodeBody(P packet, ByteBuffer out) {
        out.putShort((short) packetId.applyAsInt(packet));
        Mqtt5PropertyWriter.write(properties.apply(packet), out);
        for (int code : reasonCodes.apply(packet)) {
            out.put((byte) code);
        }
    }
}
