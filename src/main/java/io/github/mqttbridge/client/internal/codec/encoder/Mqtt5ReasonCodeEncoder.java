package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;

import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * DISCONNECT and AUTH in MQTT 5.0, in their shortest form (MQTT 5.0 sections 3.14.2.1 and 3.15.2.1): nothing for
 * 0x00 without properties, the reason code alone when there are no properties, else both.
 */
final class Mqtt5ReasonCodeEncoder<P extends MqttPacket> extends MqttMessageEncoder<P> {
    private static final int REASON_CODE_SIZE = 1;
    private final ToIntFunction<P> reasonCode;
    private final Function<P, MqttProperties> properties;

    Mqtt5ReasonCodeEncoder(Class<P> packetClass, ToIntFunction<P> reasonCode, Function<P, MqttProperties> properties) {
        super(packetClass);
        this.reasonCode = reasonCode;
        this.properties = properties;
    }

    @Override
    long bodyLength(P packet) {
        int code = reasonCode.applyAsInt(packet);
        Mqtt5FieldRules.requireReasonCode(code, packet.type());
        int propertiesSize = Mqtt5PropertyWriter.size(properties.apply(packet), PropertyScope.of(packet.type()));
        if (!properties.apply(packet).isEmpty()) {
            return REASON_CODE_SIZE + propertiesSize;
        }
        return code == 0 ? 0 : REASON_CODE_SIZE;
    }

    @Override
    int flags(P packet) {
        return 0;
    }

    @Override
    void encodeBody(P packet, ByteBuffer out) {
        int code = reasonCode.applyAsInt(packet);
        MqttProperties props = properties.apply(packet);
        if (!props.isEmpty()) {
            out.put((byte) code);
            Mqtt5PropertyWriter.write(props, out);
        } else if (code != 0) {
            out.put((byte) code);
        }
    }
}
