package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP in MQTT 5.0: packet id, reason code, properties. The last two, or the
 * properties alone, may be left out when they hold nothing (MQTT 5.0 section 3.4.2.1): remaining length 2 means
 * 0x00 Success, 3 a reason code without properties.
 */
final class Mqtt5AckDecoder implements MqttMessageDecoder {
    /** Builds the type's record. */
    interface Factory {
        MqttPacket create(int packetId, int reasonCode, MqttProperties properties);
    }

    private final PacketType type;
    private final int flags;
    private final Factory factory;

    Mqtt5AckDecoder(PacketType type, int flags, Factory factory) {
        this.type = type;
        this.flags = flags;
        this.factory = factory;
    }

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(type, flags, this.flags);
        int packetId = body.readPacketId();
        int reasonCode = body.remaining() > 0 ? body.readReasonCode() : 0;
        MqttProperties properties = body.remaining() > 0
                ? Mqtt5PropertyReader.read(body, PropertyScope.of(type)) : MqttProperties.EMPTY;
        return factory.create(packetId, reasonCode, properties);
    }
}
