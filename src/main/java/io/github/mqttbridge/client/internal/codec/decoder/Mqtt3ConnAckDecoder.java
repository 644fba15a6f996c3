package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

/**
 * CONNACK. MQTT 3.1 reserves the whole first byte; 3.1.1 made bit 0 the session present flag. A 3.1 broker sends
 * 0 there, so one rule fits both: bits 7-1 must be 0. Unknown return codes are passed on for the client to
 * report, since the spec only reserves them.
 */
final class Mqtt3ConnAckDecoder implements MqttMessageDecoder {
    private static final int SESSION_PRESENT = 0x01;

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.CONNACK, flags, FixedHeaderFlags.RESERVED_0000);
        body.requireRemainingLength(2);
        int acknowledgeFlags = body.readUnsignedByte("acknowledge flags");
        if ((acknowledgeFlags & ~SESSION_PRESENT) != 0) {
            throw new MqttDecodeException("wrong CONNACK flags, bits 7-1 of the acknowledge flags must be 0, were 0x"
                    + Integer.toHexString(acknowledgeFlags));
        }
        int returnCode = body.readUnsignedByte("return code");
        return new ConnAckPacket(acknowledgeFlags == SESSION_PRESENT, returnCode);
    }
}
