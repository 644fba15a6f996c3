package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/** UNSUBACK. MQTT 5.0 adds properties and one reason code per filter of the UNSUBSCRIBE; MQTT 3.x has neither. */
public record UnsubAckPacket(int packetId, List<Integer> reasonCodes, MqttProperties properties)
        implements MqttPacket {

    public UnsubAckPacket {
        reasonCodes = List.copyOf(reasonCodes);
    }

    /** The MQTT 3.x form: the packet id alone. */
    public UnsubAckPacket(int packetId) {
        this(packetId, List.of(), MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
