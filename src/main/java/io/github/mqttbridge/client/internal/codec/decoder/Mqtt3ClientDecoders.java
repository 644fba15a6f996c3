package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.util.Map;

/** What the client decodes: the packets a server sends (MQTT 3.1.1 section 2.2.1). */
public final class Mqtt3ClientDecoders {
    public static final MqttPacketDecoders TABLE = new MqttPacketDecoders("a server", false, Map.of(
            PacketType.CONNACK, new Mqtt3ConnAckDecoder(),
            PacketType.PUBLISH, new Mqtt3PublishDecoder(),
            PacketType.PUBACK, new Mqtt3PubAckDecoder(),
            PacketType.PUBREC, new Mqtt3PubRecDecoder(),
            PacketType.PUBREL, new Mqtt3PubRelDecoder(),
            PacketType.PUBCOMP, new Mqtt3PubCompDecoder(),
            PacketType.SUBACK, new Mqtt3SubAckDecoder(),
            PacketType.UNSUBACK, new Mqtt3UnsubAckDecoder(),
            PacketType.PINGRESP, new Mqtt3PingRespDecoder()));

    private Mqtt3ClientDecoders() {
    }
}
