package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;

import java.util.ArrayList;
import java.util.List;

/** SUBACK: one return code per filter of the SUBSCRIBE it answers. */
final class Mqtt3SubAckDecoder implements MqttMessageDecoder {

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.SUBACK, flags, FixedHeaderFlags.RESERVED_0000);
        int packetId = body.readPacketId();
        if (body.remaining() == 0) {
            // A SUBSCRIBE holds at least one filter [MQTT-3.8.3-3], so its SUBACK holds at least one code.
            throw new MqttDecodeException("SUBACK payload must contain at least one return code");
        }
        List<Integer> returnCodes = new ArrayList<>(body.remaining());
        while (body.remaining() > 0) {
            int code = body.readUnsignedByte("return code");
            if (code > 2 && code != SubAckPacket.FAILURE) {
                throw new MqttDecodeException("SUBACK return code 0x" + Integer.toHexString(code)
                        + " is reserved, must be 0x00, 0x01, 0x02 or 0x80 [MQTT-3.9.3-2]");
            }
            returnCodes.add(code);
        }
        return new SubAckPacket(packetId, returnCodes);
    }
}
