package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/**
 * DISCONNECT and AUTH in MQTT 5.0: a reason code and properties, nothing else. Remaining length 0 means 0x00 and
 * no properties, 1 a reason code without properties (MQTT 5.0 sections 3.14.2.1 and 3.15.2.1).
 */
final class Mqtt5ReasonCodeDecoder implements MqttMessageDecoder {
    /** Builds the type's record. */
    interface Factory {
        MqttPacket create(int reasonCode, MqttProperties properties);
    }

    private final PacketType type;
    private final Factory factory;

    Mqtt5ReasonCodeDecoder(PacketType type, Factory factory) {
        this.type = type;
        this.factory = factory;
    }

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(type, flags, FixedHeaderFlags.RESERVED_0000);
        int reasonCode = body.remaining() > 0 ? body.readReasonCode() : 0;
        MqttProperties properties = body.remaining() > 0
                ? Mqtt5PropertyReader.read(body, PropertyScope.of(type)) : MqttProperties.EMPTY;
        return factory.create(reasonCode, properties);
    }
}
