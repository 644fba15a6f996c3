package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/**
 * SUBACK: one code per filter of the SUBSCRIBE, in order. In MQTT 3.x a return code: the granted QoS 0-2, or 0x80
 * for failure; in MQTT 5.0 a reason code (0x00-0x02 granted, 0x80 and up refused), and properties.
 */
public record SubAckPacket(int packetId, List<Integer> returnCodes, MqttProperties properties) implements MqttPacket {
    public static final int FAILURE = 0x80;

    public SubAckPacket {
        returnCodes = List.copyOf(returnCodes);
    }

    /** The MQTT 3.x form, without properties. */
    public SubAckPacket(int packetId, List<Integer> returnCodes) {
        this(packetId, returnCodes, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
