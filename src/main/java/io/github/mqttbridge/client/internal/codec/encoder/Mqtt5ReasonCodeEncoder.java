package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;

import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * DISCONNECT and AUTH in MQTT 5.0, in their shortest form (MQTT 5.0 sections 3.14.2.1 and 3.15.2.1): nothing for
 * 0x00 without properties, else the reason code and the properties; DISCONNECT alone may leave out an empty
 * property length after a reason code (section 3.14.2.2.1).
 */
final class Mqtt5ReasonCodeEncoder<P extends MqttPacket> extends MqttMessageEncoder<P> {
    private static final int REASON_CODE_SIZE = 1;
    private final boolean reasonCodeAlone;
    private final ToIntFunction<P> reasonCode;
    private final Function<P, MqttProperties> properties;

    /** @param reasonCodeAlone whether a reason code may go without the property length */
    Mqtt5ReasonCodeEncoder(Class<P> packetClass, boolean reasonCodeAlone, ToIntFunction<P> reasonCode,
                           Function<P, MqttProperties> properties) {
        super(packetClass);
        this.reasonCodeAlone = reasonCodeAlone;
        this.reasonCode = reasonCode;
        this.properties = properties;
    }

    @Override
    long bodyLength(P packet) {
        int code = reasonCode.applyAsInt(packet);
        Mqtt5FieldRules.requireReasonCode(code, packet.type());
        int propertiesSize = Mqtt5PropertyWriter.size(properties.apply(packet), PropertyScope.of(packet.type()));
        if (!writesProperties(code, properties.apply(packet))) {
            return code == 0 ? 0 : REASON_CODE_SIZE;
        }
        return REASON_CODE_SIZE + propertiesSize;
    }

    @Override
    int flags(P packet) {
        return 0;
    }

    @Override
    void encodeBody(P packet, ByteBuffer out) {
        int code = reasonCode.applyAsInt(packet);
        MqttProperties props = properties.apply(packet);
        if (writesProperties(code, props)) {
            out.put((byte) code);
            Mqtt5PropertyWriter.write(props, out);
        } else if (code != 0) {
            out.put((byte) code);
        }
    }

    private boolean writesProperties(int code, MqttProperties props) {
        return !props.isEmpty() || code != 0 && !reasonCodeAlone;
    }
}
