package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/**
 * DISCONNECT and AUTH in MQTT 5.0: a reason code and properties, nothing else. Remaining length 0 means 0x00 and
 * no properties (MQTT 5.0 sections 3.14.2.1 and 3.15.2.1); DISCONNECT alone may also leave out just the property
 * length, with remaining length 1 (section 3.14.2.2.1).
 */
final class Mqtt5ReasonCodeDecoder implements MqttMessageDecoder {
    /** Builds the type's record. */
    interface Factory {
        MqttPacket create(int reasonCode, MqttProperties properties);
    }

    private final PacketType type;
    private final boolean reasonCodeAlone;
    private final Factory factory;

    /** @param reasonCodeAlone whether a reason code may come without the property length */
    Mqtt5ReasonCodeDecoder(PacketType type, boolean reasonCodeAlone, Factory factory) {
        this.type = type;
        this.reasonCodeAlone = reasonCodeAlone;
        this.factory = factory;
    }

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(type, flags, FixedHeaderFlags.RESERVED_0000);
        if (body.remaining() == 0) {
            return factory.create(0, MqttProperties.EMPTY);
        }
        int reasonCode = body.readReasonCode();
        MqttProperties properties = body.remaining() > 0 || !reasonCodeAlone
                ? Mqtt5PropertyReader.read(body, PropertyScope.of(type)) : MqttProperties.EMPTY;
        return factory.create(reasonCode, properties);
    }
}
