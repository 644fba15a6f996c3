package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;

import java.util.Map;

/**
 * What an MQTT 5.0 client decodes: the packets a server sends (MQTT 5.0 section 2.1.2), which now include
 * DISCONNECT and AUTH.
 */
public final class Mqtt5ClientDecoders {
    public static final MqttPacketDecoders TABLE = new MqttPacketDecoders("a server", true, Map.ofEntries(
            Map.entry(PacketType.CONNACK, new Mqtt5ConnAckDecoder()),
            Map.entry(PacketType.PUBLISH, new Mqtt5PublishDecoder(false)),
            Map.entry(PacketType.PUBACK, pubAck()),
            Map.entry(PacketType.PUBREC, pubRec()),
            Map.entry(PacketType.PUBREL, pubRel()),
            Map.entry(PacketType.PUBCOMP, pubComp()),
            Map.entry(PacketType.SUBACK, subAck()),
            Map.entry(PacketType.UNSUBACK, unsubAck()),
            Map.entry(PacketType.PINGRESP, new Mqtt3PingRespDecoder()),
            Map.entry(PacketType.DISCONNECT, disconnect()),
            Map.entry(PacketType.AUTH, auth())));

    private Mqtt5ClientDecoders() {
    }

    // The decoders both sides use: the tests' server table takes them from here.

    static MqttMessageDecoder pubAck() {
        return new Mqtt5AckDecoder(PacketType.PUBACK, FixedHeaderFlags.RESERVED_0000, PubAckPacket::new);
    }

    static MqttMessageDecoder pubRec() {
        return new Mqtt5AckDecoder(PacketType.PUBREC, FixedHeaderFlags.RESERVED_0000, PubRecPacket::new);
    }

    static MqttMessageDecoder pubRel() {
        return new Mqtt5AckDecoder(PacketType.PUBREL, FixedHeaderFlags.RESERVED_0010, PubRelPacket::new);
    }

    static MqttMessageDecoder pubComp() {
        return new Mqtt5AckDecoder(PacketType.PUBCOMP, FixedHeaderFlags.RESERVED_0000, PubCompPacket::new);
    }

    static MqttMessageDecoder disconnect() {
        return new Mqtt5ReasonCodeDecoder(PacketType.DISCONNECT, true, DisconnectPacket::new);
    }

    static MqttMessageDecoder auth() {
        return new Mqtt5ReasonCodeDecoder(PacketType.AUTH, false, AuthPacket::new);
    }

    private static MqttMessageDecoder subAck() {
        return new Mqtt5ReasonCodeListDecoder(PacketType.SUBACK, SubAckPacket::new);
    }

    private static MqttMessageDecoder unsubAck() {
        return new Mqtt5ReasonCodeListDecoder(PacketType.UNSUBACK, UnsubAckPacket::new);
    }
}
