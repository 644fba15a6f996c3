package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBACK and UNSUBACK in MQTT 5.0: packet id, properties and one reason code per filter of the request
 * (MQTT 5.0 sections 3.9 and 3.11).
 */
final class Mqtt5ReasonCodeListDecoder implements MqttMessageDecoder {
    /** Builds the type's record. */
    interface Factory {
        MqttPacket create(int packetId, List<Integer> reasonCodes, MqttProperties properties);
    }

    private final PacketType type;
    private final Factory factory;

    Mqtt5ReasonCodeListDecoder(PacketType type, Factory factory) {
        this.type = type;
        this.factory = factory;
    }

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(type, flags, FixedHeaderFlags.RESERVED_0000);
        int packetId = body.readPacketId();
        MqttProperties properties = Mqtt5PropertyReader.read(body, PropertyScope.of(type));
        if (body.remaining() == 0) {
            // A request holds at least one filter [MQTT-3.8.3-2, MQTT-3.10.3-2], so its answer one code.
            throw new MqttDecodeException(type + " payload must contain at least one reason code");
        }
        List<Integer> reasonCodes = new ArrayList<>(body.remaining());
        while (body.remaining() > 0) {
            reasonCodes.add(body.readReasonCode());
        }
        return factory.create(packetId, reasonCodes, properties);
    }
}
