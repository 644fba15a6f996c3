package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

/** The reserved bits 3-0 of the fixed header of every type but PUBLISH (MQTT 3.1.1 section 2.2.2). */
final class FixedHeaderFlags {
    /** PUBREL, SUBSCRIBE and UNSUBSCRIBE carry QoS 1 in their flags, left over from MQTT 3.1. */
    static final int RESERVED_0010 = 0b0010;
    static final int RESERVED_0000 = 0b0000;

    private FixedHeaderFlags() {
    }

    static void require(PacketType type, int flags, int expected) throws MqttDecodeException {
        int wrong = flags ^ expected;
        if (wrong == 0) {
            return;
        }
        int bit = 31 - Integer.numberOfLeadingZeros(wrong);
        throw new MqttDecodeException("Illegal BIT " + bit + " in fixed header of " + type + ", must be "
                + ((expected >>> bit) & 1) + ": bits 3-0 must be " + bits(expected) + ", were " + bits(flags)
                + " [MQTT-2.2.2-1]");
    }

    private static String bits(int flags) {
        return String.format("%4s", Integer.toBinaryString(flags)).replace(' ', '0');
    }
}
