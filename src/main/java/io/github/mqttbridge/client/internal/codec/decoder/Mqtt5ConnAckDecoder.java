package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/**
 * CONNACK in MQTT 5.0: acknowledge flags, a reason code and properties (MQTT 5.0 section 3.2). Also the one MQTT 3
 * CONNACK an MQTT 5 client can meet: "unacceptable protocol version" from a server that does not speak 5, which tells
 * the client to try an older version.
 */
final class Mqtt5ConnAckDecoder implements MqttMessageDecoder {
    private static final int SESSION_PRESENT = 0x01;
    private static final int MQTT3_UNACCEPTABLE_PROTOCOL_VERSION = 0x01;

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.CONNACK, flags, FixedHeaderFlags.RESERVED_0000);
        int acknowledgeFlags = body.readUnsignedByte("acknowledge flags");
        if ((acknowledgeFlags & ~SESSION_PRESENT) != 0) {
            throw new MqttDecodeException("wrong CONNACK flags, bits 7-1 of the acknowledge flags must be 0, were 0x"
                    + Integer.toHexString(acknowledgeFlags) + " [MQTT-3.2.2-1]");
        }
        if (body.remaining() == 1 && acknowledgeFlags == 0) {
            int returnCode = body.readUnsignedByte("return code");
            if (returnCode != MQTT3_UNACCEPTABLE_PROTOCOL_VERSION) {
                throw new MqttDecodeException("CONNACK without properties, which only a server that does not speak"
                        + " MQTT 5.0 sends, and then with return code 0x01, was " + body.describe(returnCode));
            }
            // A server that speaks only MQTT 3 refuses our CONNECT in its own dialect [MQTT-3.1.2-2 of 3.1.1].
            return new ConnAckPacket(false, returnCode);
        }
        int reasonCode = body.readReasonCode();
        boolean sessionPresent = acknowledgeFlags == SESSION_PRESENT;
        if (sessionPresent && reasonCode != 0) {
            throw new MqttDecodeException("CONNACK with the error " + body.describe(reasonCode)
                    + " must not set session present [MQTT-3.2.2-6]");
        }
        return new ConnAckPacket(sessionPresent, reasonCode, Mqtt5PropertyReader.read(body, PropertyScope.CONNACK));
    }
}
