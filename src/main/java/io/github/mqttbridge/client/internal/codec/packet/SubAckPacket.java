package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/** SUBACK: one return code per filter of the SUBSCRIBE, in order: the granted QoS 0-2, or 0x80 for failure. */
public record SubAckPacket(int packetId, List<Integer> returnCodes) implements MqttPacket {
    public static final int FAILURE = 0x80;

    public SubAckPacket {
        returnCodes = List.copyOf(returnCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
